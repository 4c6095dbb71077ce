package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.RawHttp;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code info}'s public read / write / list verdict against what RGW really answers to unsigned
 * requests, for bucket ACLs and policies alone and together (a Deny in the policy beats the ACL).
 */
class PublicAccessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Setup(String acl, String policy) {
    }

    @Test
    void verdictAgreesWithRealAnonymousRequests() throws Exception {
        URI endpoint = URI.create(LocalRgw.endpoint());
        String bucket = LocalRgw.newBucket("public");
        String b = "arn:aws:s3:::" + bucket;
        Map<String, Setup> setups = new LinkedHashMap<>();
        setups.put("private", new Setup("private", null));
        setups.put("ACL public-read", new Setup("public-read", null));
        setups.put("ACL public-read-write", new Setup("public-read-write", null));
        setups.put("policy public read", new Setup("private", statement("Allow", "s3:GetObject", b + "/*")));
        setups.put("policy public write", new Setup("private", statement("Allow", "s3:PutObject", b + "/*")));
        setups.put("policy public list", new Setup("private", statement("Allow", "s3:ListBucket", b)));
        // Principal "*" denies the owner too: only actions 'info' itself does not need are denied here
        setups.put("ACL public-read-write, policy denies writes", new Setup("public-read-write", statement("Deny", "s3:PutObject", b + "/*")));
        setups.put("policy allows reads, then denies them", new Setup("private", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + b + "/*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + b + "/*\"}]}"));
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        try (ShellHarness sh = ShellHarness.local().stateDir(dir.resolve("state"))) {
            LocalRgw.store().putObject(bucket, PublicAccess.PROBE_KEY, "x".getBytes(StandardCharsets.UTF_8), "text/plain");
            for (Map.Entry<String, Setup> s : setups.entrySet()) {
                setAcl(endpoint, bucket, s.getValue().acl());
                if (s.getValue().policy() == null) LocalRgw.store().deletePolicy(bucket);
                else LocalRgw.store().putPolicy(bucket, s.getValue().policy());
                ShellHarness.Result info = sh.run("info", "s3://" + bucket, "--output", "json");
                assertTrue(info.status() == 0, s.getKey() + ": " + info);
                JsonNode pub = JSON.readTree(info.out()).get("public");
                Map<String, Boolean> real = new LinkedHashMap<>();
                real.put("read", anonymous(endpoint, "GET", "/" + bucket + "/" + PublicAccess.PROBE_KEY));
                real.put("list", anonymous(endpoint, "GET", "/" + bucket + "/?list-type=2"));
                real.put("write", anonymous(endpoint, "PUT", "/" + bucket + "/" + PublicAccess.PROBE_KEY));
                for (Map.Entry<String, Boolean> r : real.entrySet()) {
                    compared++;
                    if (pub.get(r.getKey()).asBoolean() != r.getValue()) {
                        wrong.add(s.getKey() + ": public " + r.getKey() + ": s3sh says " + pub.get(r.getKey()).asBoolean()
                                + ", RGW " + r.getValue() + " (" + pub.get("why").get(r.getKey()).asText() + ")");
                    }
                }
            }
            setAcl(endpoint, bucket, "private");
        } finally {
            LocalRgw.store().deletePolicy(bucket);
            LocalRgw.deleteBucket(bucket);
        }
        assertTrue(wrong.isEmpty(), compared + " compared; wrong:\n" + String.join("\n", wrong));
        assertTrue(compared == 24, "compared " + compared);
    }

    /**
     * {@code cors audit} gives the same verdict per bucket, in its JSON and CSV rows and its table:
     * a bucket with a public-read policy, one with a public-read-write ACL, a private one, all
     * audited together, each checked against real anonymous requests.
     */
    @Test
    void theAuditGivesEachBucketsVerdictAsRealAnonymousRequestsSeeIt() throws Exception {
        URI endpoint = URI.create(LocalRgw.endpoint());
        String first = LocalRgw.newBucket("audit-public");
        String prefix = first.substring(0, first.lastIndexOf('-'));
        String readPolicy = prefix + "-policyread", writeAcl = prefix + "-aclwrite", closed = prefix + "-private";
        List<String> made = List.of(readPolicy, writeAcl, closed);
        try (ShellHarness sh = ShellHarness.local().stateDir(dir.resolve("state"))) {
            for (String b : made) {
                LocalRgw.store().createBucket(b);
                LocalRgw.store().putObject(b, PublicAccess.PROBE_KEY, "x".getBytes(StandardCharsets.UTF_8), "text/plain");
            }
            LocalRgw.store().putPolicy(readPolicy, statement("Allow", "s3:GetObject", "arn:aws:s3:::" + readPolicy + "/*"));
            setAcl(endpoint, writeAcl, "public-read-write");
            Map<String, Map<String, Boolean>> expected = new LinkedHashMap<>();
            expected.put(readPolicy, Map.of("read", true, "write", false, "list", false));
            expected.put(writeAcl, Map.of("read", false, "write", true, "list", true));
            expected.put(closed, Map.of("read", false, "write", false, "list", false));
            for (String b : made) {
                Map<String, Boolean> real = new LinkedHashMap<>();
                real.put("read", anonymous(endpoint, "GET", "/" + b + "/" + PublicAccess.PROBE_KEY));
                real.put("list", anonymous(endpoint, "GET", "/" + b + "/?list-type=2"));
                real.put("write", anonymous(endpoint, "PUT", "/" + b + "/" + PublicAccess.PROBE_KEY));
                assertEquals(expected.get(b), real, "RGW's own answers to unsigned requests for " + b);
            }

            ShellHarness.Result json = sh.run("cors", "audit", "s3://" + prefix + "-*", "--output", "json");
            Map<String, JsonNode> rows = new LinkedHashMap<>();
            for (String line : json.out().strip().split("\n")) {
                JsonNode row = JSON.readTree(line);
                rows.put(row.get("bucket").asText(), row);
            }
            for (String b : made) {
                JsonNode pub = rows.get(b).get("public");
                for (String what : List.of("read", "write", "list")) {
                    assertEquals(expected.get(b).get(what), pub.get(what).asBoolean(), b + " public " + what + ": " + rows.get(b));
                }
            }
            assertTrue(rows.get(readPolicy).get("public").get("why").get("read").asText().contains("policy statement"), json.out());

            ShellHarness.Result csv = sh.run("cors", "audit", "s3://" + prefix + "-*", "--output", "csv");
            List<String> lines = csv.out().strip().lines().toList();
            assertTrue(lines.get(0).endsWith(",public_read,public_write,public_list"), lines.get(0));
            for (String b : made) {
                Map<String, Boolean> e = expected.get(b);
                String tail = "," + e.get("read") + "," + e.get("write") + "," + e.get("list");
                assertTrue(lines.stream().anyMatch(l -> l.contains("," + b + ",") && l.endsWith(tail)), b + " ends with " + tail + "\n" + csv.out());
            }

            ShellHarness.Result table = sh.run("cors", "audit", "s3://" + prefix + "-*");
            assertTrue(table.out().contains("PUBLIC"), table.out());
            assertTrue(table.out().lines().anyMatch(l -> l.startsWith(writeAcl + " ") && l.contains(" write,list ")), table.out());
            assertTrue(table.out().lines().anyMatch(l -> l.startsWith(readPolicy + " ") && l.contains(" read ")), table.out());
        } finally {
            LocalRgw.store().deletePolicy(readPolicy);
            for (String b : made) LocalRgw.deleteBucket(b);
            LocalRgw.deleteBucket(first);
        }
    }

    private static String statement(String effect, String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":\"*\",\"Action\":\""
                + action + "\",\"Resource\":[\"" + resource + "\"]}]}";
    }

    private static void setAcl(URI endpoint, String bucket, String canned) throws Exception {
        List<String[]> headers = RawHttp.signed(endpoint, "PUT", "/" + bucket, "acl=", List.<String[]>of(new String[] {"x-amz-acl", canned}),
                LocalRgw.accessKey(), LocalRgw.secretKey(), "us-east-1");
        RawHttp.Response r = RawHttp.send(endpoint, "PUT", "/" + bucket + "?acl", headers, new byte[0]);
        if (r.status() != 200) throw new AssertionError("PUT ?acl " + canned + " answered " + r.status() + ": " + r.body());
    }

    private static boolean anonymous(URI endpoint, String method, String path) throws Exception {
        RawHttp.Response r = RawHttp.send(endpoint, method, path, List.of(), method.equals("PUT") ? "y".getBytes(StandardCharsets.UTF_8) : null);
        if (r.status() != 200 && r.status() != 403) throw new AssertionError(method + " " + path + " answered " + r.status() + ": " + r.body());
        return r.status() == 200;
    }
}
