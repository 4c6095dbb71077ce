package dev.s3sh.app;

import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edit loop of {@code policy edit} and {@code lifecycle edit} against the real RGW, through the
 * one generic {@link DocumentService}: the editor first saves a document RGW would refuse (the
 * editor reopens with one sentence naming the place, and the server is not written), then a good
 * one (pushed and read back), then {@code undo} puts the first document back.
 */
class DocumentEditIT {
    @TempDir
    Path dir;

    /** What the bucket holds, as the server returns it (empty: none). */
    private static Optional<String> server(String kind, String bucket) {
        return kind.equals("policy") ? LocalRgw.store().getPolicy(bucket) : LocalRgw.store().getLifecycle(bucket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy", "lifecycle"})
    void badEditIsRefusedThenAGoodOneIsPushedThenUndone(String kind) throws Exception {
        boolean policy = kind.equals("policy");
        String bucket = LocalRgw.newBucket(kind + "-edit");
        // a value the first save breaks, the second mends to a new one
        String good = policy ? "\"Allow\"" : "<Days>9</Days>";
        String bad = policy ? "\"Permit\"" : "<Days>0</Days>";
        String edited = policy ? "\"Sid\" : \"EditedInTheLoop\"" : "<Days>12</Days>";
        try (ShellHarness sh = ShellHarness.local().stateDir(dir.resolve("state"))) {
            ShellHarness.Result seed = policy ? sh.run("policy", "template", "public-read", "s3://" + bucket, "--apply", "--yes")
                    : sh.run("expire", "s3://" + bucket, "--expiry-days", "9");
            assertEquals(0, seed.status(), seed.toString());
            String before = server(kind, bucket).orElseThrow();

            List<String> opened = new ArrayList<>();
            List<Optional<String>> serverWhenReopened = new ArrayList<>();
            sh.editor(file -> {
                String text = Files.readString(file);
                opened.add(text);
                if (opened.size() == 1) {
                    assertTrue(text.contains(good), text);
                    Files.writeString(file, text.replace(good, bad));
                } else {
                    serverWhenReopened.add(server(kind, bucket));
                    String mended = text.replace(bad, good);
                    Files.writeString(file, policy ? mended.replaceFirst("\"Sid\" : \"[^\"]*\"", edited) : mended.replace(good, edited));
                }
            });
            ShellHarness.Result edit = sh.run(kind, "edit", "s3://" + bucket, "--yes");
            assertEquals(0, edit.status(), edit.toString());
            assertEquals(2, opened.size(), edit.toString());
            assertTrue(edit.err().contains("1 problem: reopening the editor"), edit.toString());
            // one sentence naming the file, line and column, above the user's text in the reopened file
            String problem = edit.err().lines().filter(l -> l.contains(kind + "-" + bucket)).findFirst().orElseThrow();
            assertTrue(problem.matches("\\s+\\S+:\\d+:\\d+: (statement|rule) 1: .+"), problem);
            assertTrue(opened.get(1).startsWith("<!-- s3sh: NOT PUSHED:") && opened.get(1).contains(bad), opened.get(1));
            assertEquals(Optional.of(before), serverWhenReopened.get(0), "the refused document reached the server");

            String after = server(kind, bucket).orElseThrow();
            assertTrue(after.contains(policy ? "EditedInTheLoop" : "<Days>12</Days>"), after);
            assertTrue(edit.out().contains("s3://" + bucket + ": " + kind + " updated: ") && edit.out().contains("(verified by read-back)"),
                    edit.toString());

            ShellHarness.Result history = sh.run(kind, "history", "s3://" + bucket);
            assertEquals(2, history.out().lines().count(), "the seed and the edit each saved one entry\n" + history);
            ShellHarness.Result undo = sh.run(kind, "undo", "s3://" + bucket, "--yes");
            assertEquals(0, undo.status(), undo.toString());
            assertEquals(before, server(kind, bucket).orElseThrow(), "undo did not put back what the bucket held before the edit");
        } finally {
            LocalRgw.deleteBucket(bucket);
        }
    }
}
