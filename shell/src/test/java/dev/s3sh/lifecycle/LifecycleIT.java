package dev.s3sh.lifecycle;

import dev.s3sh.document.DocumentProblem;
import dev.s3sh.store.StoreException;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lifecycle configurations against the real RGW: s3cmd's verbs as a tutorial pastes them, history
 * and undo, the edit loop with a scripted editor, bad input refused before anything is pushed, and
 * the validator against what RGW really refuses (docs/rgw-lifecycle.md).
 */
class LifecycleIT {
    @TempDir
    Path dir;

    private static Optional<Lifecycle> server(String bucket) {
        return LocalRgw.store().getLifecycle(bucket).map(xml -> LifecycleDocument.read(xml, "server").lifecycle());
    }

    @Test
    void s3cmdVerbsHistoryAndUndo() throws Exception {
        String bucket = LocalRgw.newBucket("lifecycle");
        try (ShellHarness sh = ShellHarness.local().stateDir(dir.resolve("state"))) {
            ShellHarness.Result expire = sh.run("expire", "s3://" + bucket, "--expiry-days", "30", "--expiry-prefix", "logs/");
            assertEquals(0, expire.status(), expire.toString());
            Lifecycle one = server(bucket).orElseThrow();
            assertEquals(1, one.rules().size());
            assertEquals("30", one.rules().get(0).expiration().days());
            assertEquals("logs/", one.rules().get(0).filter().prefix());

            ShellHarness.Result template = sh.run("lifecycle", "template", "abort-incomplete-uploads", "--days", "3");
            assertEquals(0, template.status(), template.toString());
            Path file = dir.resolve("lifecycle.xml");
            Files.writeString(file, template.out());
            ShellHarness.Result set = sh.run("setlifecycle", file.toString(), "s3://" + bucket);
            assertEquals(0, set.status(), set.toString());
            assertEquals("3", server(bucket).orElseThrow().rules().get(0).abortDays());

            ShellHarness.Result get = sh.run("getlifecycle", "s3://" + bucket);
            assertTrue(get.out().contains("<DaysAfterInitiation>3</DaysAfterInitiation>"), get.toString());

            ShellHarness.Result history = sh.run("lifecycle", "history", "s3://" + bucket);
            assertTrue(history.out().startsWith("1  ") && history.out().contains("expire after 30 days")
                    && history.out().contains("2  ") && history.out().contains("no lifecycle"), history.toString());
            ShellHarness.Result undo = sh.run("lifecycle", "undo", "s3://" + bucket, "--yes");
            assertEquals(0, undo.status(), undo.toString());
            assertTrue(LifecycleXml.same(one, server(bucket).orElseThrow()), "undo did not put the expire rule back");

            ShellHarness.Result del = sh.run("dellifecycle", "s3://" + bucket);
            assertEquals(0, del.status(), del.toString());
            assertTrue(server(bucket).isEmpty());
            ShellHarness.Result restore = sh.run("lifecycle", "restore", "1", "s3://" + bucket, "--yes");
            assertEquals(0, restore.status(), restore.toString());
            assertTrue(LifecycleXml.same(one, server(bucket).orElseThrow()), "restore 1 did not put back what dellifecycle removed");

            // s3cmd's expire without days or date removes the configuration
            ShellHarness.Result remove = sh.run("expire", "s3://" + bucket);
            assertEquals(0, remove.status(), remove.toString());
            assertTrue(server(bucket).isEmpty());
        } finally {
            LocalRgw.deleteBucket(bucket);
        }
    }

    @Test
    void badInputIsOneClearSentenceAndNothingIsPushed() throws Exception {
        String bucket = LocalRgw.newBucket("lifecycle-bad");
        try (ShellHarness sh = ShellHarness.local().stateDir(dir.resolve("state"))) {
            assertEquals(0, sh.run("expire", "s3://" + bucket, "--expiry-days", "9").status());
            Lifecycle before = server(bucket).orElseThrow();
            Path bad = dir.resolve("bad.xml");
            Files.writeString(bad, """
                    <LifecycleConfiguration>
                      <Rule>
                        <ID>old-logs</ID>
                        <Filter><Prefix>logs/</Prefix></Filter>
                        <Status>enabled</Status>
                        <Expiration><Days>0</Days></Expiration>
                      </Rule>
                    </LifecycleConfiguration>
                    """);
            ShellHarness.Result validate = sh.run("lifecycle", "validate", bad.toString());
            assertEquals(3, validate.status(), validate.toString());
            assertTrue(validate.err().contains(bad + ":5:5: rule 1: <Status> is 'enabled'"), validate.toString());
            assertTrue(validate.err().contains(bad + ":6:17: rule 1: <Days> is '0'"), validate.toString());

            ShellHarness.Result set = sh.run("setlifecycle", bad.toString(), "s3://" + bucket);
            assertEquals(3, set.status(), set.toString());
            assertTrue(set.err().contains("nothing was pushed"), set.toString());
            assertTrue(LifecycleXml.same(before, server(bucket).orElseThrow()), "a refused file changed the bucket");

            Path broken = dir.resolve("broken.xml");
            Files.writeString(broken, "<LifecycleConfiguration>\n  <Rule>\n</LifecycleConfiguration>\n");
            ShellHarness.Result unreadable = sh.run("lifecycle", "set", broken.toString(), "s3://" + bucket, "--yes");
            assertEquals(3, unreadable.status(), unreadable.toString());
            assertTrue(unreadable.err().contains(broken + ":3:"), unreadable.toString());
            assertTrue(LifecycleXml.same(before, server(bucket).orElseThrow()));

            ShellHarness.Result days = sh.run("expire", "s3://" + bucket, "--expiry-days", "ten");
            assertEquals(2, days.status(), days.toString());
            assertEquals(1, days.err().strip().lines().count(), days.toString());
            assertTrue(LifecycleXml.same(before, server(bucket).orElseThrow()));
        } finally {
            LocalRgw.deleteBucket(bucket);
        }
    }

    /** EDITOR is a shell script; $N counts the openings. The first save breaks the file, the second fixes it. */
    @Test
    void editLoopReopensWithTheProblemThenPushes() throws Exception {
        String bucket = LocalRgw.newBucket("lifecycle-edit");
        try (ShellHarness sh = ShellHarness.local().stateDir(dir.resolve("state"))) {
            Path script = dir.resolve("editor.sh");
            Files.writeString(script, "#!/bin/sh\nset -e\nD='" + dir + "'\n"
                    + "N=$(cat \"$D/count\" 2>/dev/null || echo 0); N=$((N+1)); echo $N > \"$D/count\"\n"
                    + "cp \"$1\" \"$D/open$N\"\n"
                    + "if [ $N = 1 ]; then sed -i 's#<DaysAfterInitiation>7<#<DaysAfterInitiation>0<#' \"$1\"; fi\n"
                    + "if [ $N = 2 ]; then sed -i 's#<DaysAfterInitiation>0<#<DaysAfterInitiation>5<#' \"$1\"; fi\n");
            assertTrue(script.toFile().setExecutable(true));
            sh.editor(file -> {
                Process p = new ProcessBuilder(script.toString(), file.toString()).redirectErrorStream(true).start();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                if (p.exitValue() != 0) throw new IllegalStateException("editor failed: " + new String(p.getInputStream().readAllBytes()));
            });
            ShellHarness.Result edit = sh.run("lifecycle", "edit", "s3://" + bucket, "--yes");
            assertEquals(0, edit.status(), edit.toString());
            assertTrue(edit.err().contains("1 problem: reopening the editor"), edit.toString());
            String second = Files.readString(dir.resolve("open2"));
            assertTrue(second.startsWith("<!-- s3sh: NOT PUSHED:") && second.contains("<DaysAfterInitiation> is '0'"), second);
            // the line named in the notice is the line of the value in the reopened file
            String named = second.lines().filter(l -> l.contains("<DaysAfterInitiation> is")).findFirst().orElseThrow();
            int line = Integer.parseInt(named.replaceFirst("^\\s*[^:]+:(\\d+):.*", "$1"));
            assertTrue(second.lines().toList().get(line - 1).contains("<DaysAfterInitiation>0<"), named + "\n" + second);
            assertEquals("5", server(bucket).orElseThrow().rules().get(0).abortDays());
            ShellHarness.Result history = sh.run("lifecycle", "history", "s3://" + bucket);
            assertTrue(history.out().startsWith("1  ") && history.out().contains("no lifecycle"), history.toString());
        } finally {
            LocalRgw.deleteBucket(bucket);
        }
    }

    /**
     * Each variant: does RGW take it (PUT ?lifecycle with s3sh's store, which sends the XML as it is),
     * and does the validator find an error? They must agree. The answers are in docs/rgw-lifecycle.md.
     */
    @Test
    void validatorAgreesWithRgwOnWhatItRefuses() {
        String bucket = LocalRgw.newBucket("lifecycle-shape");
        String e = "<Expiration><Days>30</Days></Expiration>";
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("filter prefix", "<Rule><ID>a</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("no ID", "<Rule><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("ID of 255", "<Rule><ID>" + "x".repeat(255) + "</ID><Filter/><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("ID of 256", "<Rule><ID>" + "x".repeat(256) + "</ID><Filter/><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("two rules, one ID", "<Rule><ID>a</ID><Filter><Prefix>a/</Prefix></Filter><Status>Enabled</Status>" + e
                + "</Rule><Rule><ID>a</ID><Filter><Prefix>b/</Prefix></Filter><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("old Prefix", "<Rule><ID>a</ID><Prefix>logs/</Prefix><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("no Filter, no Prefix", "<Rule><ID>a</ID><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("empty Filter", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("Prefix and Filter", "<Rule><ID>a</ID><Prefix>x</Prefix><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("Tag", "<Rule><ID>a</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("Prefix and Tag without And", "<Rule><ID>a</ID><Filter><Prefix>p</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("And", "<Rule><ID>a</ID><Filter><And><Prefix>p</Prefix><Tag><Key>k</Key><Value>v</Value></Tag><Tag><Key>k2</Key><Value>v</Value></Tag></And></Filter><Status>Enabled</Status>" + e + "</Rule>");
        rules.put("Status enabled", "<Rule><ID>a</ID><Filter/><Status>enabled</Status>" + e + "</Rule>");
        rules.put("Status Disabled", "<Rule><ID>a</ID><Filter/><Status>Disabled</Status>" + e + "</Rule>");
        rules.put("no Status", "<Rule><ID>a</ID><Filter/>" + e + "</Rule>");
        rules.put("no action", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status></Rule>");
        rules.put("Days 0", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule>");
        rules.put("Days -1", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Days>-1</Days></Expiration></Rule>");
        rules.put("Days ten", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Days>ten</Days></Expiration></Rule>");
        rules.put("Date at midnight", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule>");
        rules.put("Date at ten", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration></Rule>");
        rules.put("Date, day only", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01</Date></Expiration></Rule>");
        rules.put("Date tomorrow", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Date>tomorrow</Date></Expiration></Rule>");
        rules.put("Days and Date", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Days>3</Days><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule>");
        rules.put("empty Expiration", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration></Expiration></Rule>");
        rules.put("expired delete markers", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>");
        rules.put("noncurrent 5", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>5</NoncurrentDays></NoncurrentVersionExpiration></Rule>");
        rules.put("noncurrent 0", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>0</NoncurrentDays></NoncurrentVersionExpiration></Rule>");
        rules.put("abort 7", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>");
        rules.put("abort 0", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>0</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>");
        rules.put("abort with a Tag", "<Rule><ID>a</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>");
        rules.put("Transition STANDARD", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>STANDARD</StorageClass></Transition></Rule>");
        rules.put("Transition GLACIER", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition></Rule>");
        rules.put("Transition NOPE", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>NOPE</StorageClass></Transition></Rule>");
        rules.put("Transition Days 0", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Transition><Days>0</Days><StorageClass>STANDARD</StorageClass></Transition></Rule>");
        rules.put("Transition without class", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Transition><Days>5</Days></Transition></Rule>");
        rules.put("expire before transition", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>STANDARD</StorageClass></Transition><Expiration><Days>10</Days></Expiration></Rule>");
        rules.put("unknown element", "<Rule><ID>a</ID><Filter/><Status>Enabled</Status>" + e + "<Foo>1</Foo></Rule>");
        rules.put("no rule", "");
        List<String> disagreements = new ArrayList<>();
        try {
            for (Map.Entry<String, String> c : rules.entrySet()) {
                String xml = "<LifecycleConfiguration xmlns=\"" + LifecycleXml.NAMESPACE + "\">" + c.getValue() + "</LifecycleConfiguration>";
                String rgw;
                try {
                    LocalRgw.store().putLifecycle(bucket, xml);
                    rgw = "takes";
                } catch (StoreException ex) {
                    rgw = "refuses (" + ex.code() + ")";
                }
                List<DocumentProblem> errors = LifecycleValidator.errors(LifecycleValidator.validate(LifecycleDocument.read(xml, c.getKey())));
                boolean weRefuse = !errors.isEmpty();
                if (weRefuse != rgw.startsWith("refuses")) disagreements.add(c.getKey() + ": RGW " + rgw + ", validator " + errors);
            }
        } finally {
            LocalRgw.deleteBucket(bucket);
        }
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
        assertFalse(rules.isEmpty());
    }
}
