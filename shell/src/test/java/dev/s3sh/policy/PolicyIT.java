package dev.s3sh.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.config.Profile;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.StoreException;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.RawHttp;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bucket policies against the real RGW: the set/show/rm/history/undo path and s3cmd's verbs through
 * the shell, what RGW refuses against what the validator says, and 'policy check' against real
 * anonymous requests and requests signed as a second user.
 */
class PolicyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String user2;
    private static ObjectStore store2;

    @TempDir
    Path dir;

    @BeforeAll
    static void secondUser() throws Exception {
        user2 = "policy-it-" + Long.toHexString(System.nanoTime());
        SecureRandom random = new SecureRandom();
        String access = "PIT" + HexFormat.of().formatHex(random.generateSeed(8)).toUpperCase();
        String secret = HexFormat.of().formatHex(random.generateSeed(20));
        ProcessBuilder pb = new ProcessBuilder("radosgw-admin", "-n", "client.admin", "user", "create", "--uid", user2,
                "--display-name", user2, "--access-key", access, "--secret-key", secret);
        pb.environment().put("CEPH_CONF", LocalRgw.env().get("CEPH_CONF"));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "radosgw-admin user create failed");
        store2 = new S3ObjectStore(new Profile("second", URI.create(LocalRgw.endpoint()), "us-east-1", access, secret, null, true, "rgw"));
    }

    @AfterAll
    static void removeSecondUser() throws Exception {
        if (store2 != null) store2.close();
        ProcessBuilder pb = new ProcessBuilder("radosgw-admin", "-n", "client.admin", "user", "rm", "--uid", user2);
        pb.environment().put("CEPH_CONF", LocalRgw.env().get("CEPH_CONF"));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
    }

    @Test
    void setShowRemoveUndoAndS3cmdVerbs() throws Exception {
        String bucket = LocalRgw.newBucket("policy");
        try (ShellHarness sh = ShellHarness.local().stateDir(dir.resolve("state"))) {
            ShellHarness.Result template = sh.run("policy", "template", "public-read", "s3://" + bucket);
            assertEquals(0, template.status(), template.toString());
            Path file = dir.resolve("policy.json");
            Files.writeString(file, template.out());

            ShellHarness.Result set = sh.run("setpolicy", file.toString(), "s3://" + bucket);
            assertEquals(0, set.status(), set.toString());
            JsonNode server = JSON.readTree(LocalRgw.store().getPolicy(bucket).orElseThrow());
            assertEquals(JSON.readTree(template.out()), server);

            ShellHarness.Result show = sh.run("policy", "show", "s3://" + bucket);
            assertEquals(JSON.readTree(template.out()), JSON.readTree(show.out()), show.toString());

            ShellHarness.Result rm = sh.run("delpolicy", "s3://" + bucket);
            assertEquals(0, rm.status(), rm.toString());
            assertTrue(LocalRgw.store().getPolicy(bucket).isEmpty());

            ShellHarness.Result history = sh.run("policy", "history", "s3://" + bucket);
            assertTrue(history.out().startsWith("1  "), history.toString());
            ShellHarness.Result undo = sh.run("policy", "undo", "s3://" + bucket, "--yes");
            assertEquals(0, undo.status(), undo.toString());
            assertEquals(JSON.readTree(template.out()), JSON.readTree(LocalRgw.store().getPolicy(bucket).orElseThrow()));

            // the classic mistake: another bucket's ARN; refused with its place, nothing pushed
            Path wrong = dir.resolve("wrong.json");
            Files.writeString(wrong, template.out().replace(bucket, "some-other-bucket"));
            ShellHarness.Result validate = sh.run("policy", "validate", wrong.toString(), "--bucket", bucket);
            assertEquals(3, validate.status(), validate.toString());
            assertTrue(validate.err().contains(wrong + ":") && validate.err().contains("is not in s3://" + bucket), validate.toString());
            ShellHarness.Result refused = sh.run("policy", "set", wrong.toString(), "s3://" + bucket, "--yes");
            assertEquals(3, refused.status(), refused.toString());
            assertEquals(JSON.readTree(template.out()), JSON.readTree(LocalRgw.store().getPolicy(bucket).orElseThrow()));

            ShellHarness.Result rmAsked = sh.run("policy", "rm", "s3://" + bucket, "--yes");
            assertEquals(0, rmAsked.status(), rmAsked.toString());
            assertTrue(LocalRgw.store().getPolicy(bucket).isEmpty());
        } finally {
            LocalRgw.deleteBucket(bucket);
        }
    }

    /** Each variant: does RGW take it, and does the validator (without a bucket) find an error? They must agree. */
    @Test
    void validatorAgreesWithRgwOnWhatItRefuses() {
        String bucket = LocalRgw.newBucket("policy-shape");
        String b = "arn:aws:s3:::" + bucket;
        String good = "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + b + "/*\"";
        List<String> statements = List.of(good,
                good.replace("\"Allow\"", "\"allow\""),
                good.replace("s3:GetObject", "s3:GetObjekt"),
                good.replace("s3:GetObject", "iam:CreateUser"),
                good.replace("s3:GetObject", "sts:AssumeRole"),
                good.replace("s3:GetObject", "s3:Get*"),
                good.replace("s3:GetObject", "S3:GETOBJECT"),
                good.replace("s3:GetObject", "s3:PutBucketEncryption"),
                good.replace("\"Principal\":\"*\"", "\"Principal\":\"someone\""),
                good.replace("\"Principal\":\"*\"", "\"Principal\":[\"*\"]"),
                good.replace("\"Principal\":\"*\"", "\"Principal\":{\"Foo\":\"x\"}"),
                good.replace("\"Principal\":\"*\"", "\"Principal\":{\"AWS\":[\"arn:aws:iam:::user/u\"]}"),
                good.replace(b + "/*", bucket + "/*"),
                good.replace(b + "/*", "arn:aws:s3::us-east-1:" + bucket + "/*"),
                good.replace(b + "/*", "arn:aws:s3:::other-bucket/*"),
                good + ",\"Foo\":1",
                good + ",\"Sid\":1",
                good + ",\"Condition\":{\"Boool\":{\"aws:SecureTransport\":\"false\"}}",
                good + ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}",
                good + ",\"Condition\":{\"StringEqualsIfExists\":{\"aws:Referer\":\"x\"}}",
                good + ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}");
        List<String> documents = new ArrayList<>();
        for (String s : statements) documents.add("{\"Version\":\"2012-10-17\",\"Statement\":[{" + s + "}]}");
        documents.add("{\"Version\":\"2020-01-01\",\"Statement\":[{" + good + "}]}");
        documents.add("{\"version\":\"2012-10-17\",\"Statement\":[{" + good + "}]}");
        documents.add("{\"Version\":\"2012-10-17\",\"Statement\":[{" + good + ",\"Action\":\"s3:PutObject\"}]}");
        documents.add("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"a\"," + good + "},{\"Sid\":\"a\"," + good + "}]}");
        documents.add("{\"Version\":\"2012-10-17\",\"Statement\":[{" + good);
        List<String> disagreements = new ArrayList<>();
        try {
            for (String d : documents) {
                boolean rgwTakes;
                try {
                    LocalRgw.store().putPolicy(bucket, d);
                    rgwTakes = true;
                } catch (StoreException e) {
                    rgwTakes = false;
                }
                boolean weTake = PolicyValidator.errors(PolicyValidator.validate(PolicyDocument.read(d, "p.json"), null)).isEmpty();
                if (rgwTakes != weTake) disagreements.add((rgwTakes ? "RGW takes, s3sh refuses: " : "RGW refuses, s3sh takes: ") + d);
            }
        } finally {
            LocalRgw.deleteBucket(bucket);
        }
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    }

    /** 'policy check' against what RGW really answers: anonymous and second-user GET, PUT and LIST on a matrix of policies. */
    @Test
    void checkAgreesWithRealRequests() throws Exception {
        String bucket = LocalRgw.newBucket("policy-check");
        String b = "arn:aws:s3:::" + bucket;
        String u2 = "arn:aws:iam:::user/" + user2;
        List<String> policies = List.of(
                PolicyDocument.compact(PolicyTemplates.policy("public-read", bucket, null)),
                PolicyDocument.compact(PolicyTemplates.policy("read-only-user", bucket, user2)),
                stmt("Allow", "\"*\"", "\"s3:GetObject\"", "\"" + b + "/pub/*\""),
                stmt("Allow", "\"*\"", "\"s3:*\"", "[\"" + b + "\",\"" + b + "/*\"]") .transform(x -> plus(x, "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + u2 + "\"},\"Action\":\"s3:PutObject\",\"Resource\":\"" + b + "/*\"}")),
                stmt("Allow", "{\"AWS\":\"" + u2 + "\"}", "\"s3:PutObject\"", "\"" + b + "/pub/*\"").transform(x -> plus(x, "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:ListBucket\",\"Resource\":\"" + b + "\"}")),
                stmt("Allow", "\"*\"", "\"s3:GetObject\"", "\"" + b + "/*\"").transform(x -> plus(x, "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + b + "/priv/*\"}")),
                stmt("Allow", "{\"AWS\":[\"" + u2 + "\"]}", "[\"s3:GetObject\",\"s3:PutObject\",\"s3:ListBucket\"]", "[\"" + b + "\",\"" + b + "/*\"]"),
                stmt("Allow", "\"*\"", "[\"s3:Get*\",\"s3:List*\"]", "[\"" + b + "\",\"" + b + "/*\"]"),
                PolicyDocument.compact(PolicyTemplates.policy("deny-insecure-transport", bucket, null)).transform(x -> plus(x, "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + b + "/*\"}")));
        URI endpoint = URI.create(LocalRgw.endpoint());
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        try {
            // written before any policy: the deny-insecure-transport one denies the owner too over HTTP
            for (String key : List.of("pub/x", "priv/x")) LocalRgw.store().putObject(bucket, key, "x".getBytes(StandardCharsets.UTF_8), "text/plain");
            for (String policy : policies) {
                try {
                    LocalRgw.store().putPolicy(bucket, policy);
                } catch (StoreException e) {
                    throw new AssertionError("RGW refuses " + policy + ": " + e.getMessage(), e);
                }
                Policy parsed = Policy.of(JSON.readTree(policy));
                for (String key : List.of("pub/x", "priv/x")) {
                    for (String who : new String[] {null, u2}) {
                        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket")) {
                            String k = action.equals("s3:ListBucket") ? null : key;
                            boolean predicted = PolicyEvaluator.decide(parsed,
                                    new PolicyEvaluator.Request(who, action, bucket, k, false)).allowedByPolicy();
                            boolean real = who == null ? anonymous(endpoint, bucket, action, key) : signed(bucket, action, key);
                            requests++;
                            if (predicted != real) {
                                wrong.add((who == null ? "anonymous" : "user2") + " " + action + " " + key + ": s3sh says "
                                        + (predicted ? "allowed" : "denied") + ", RGW " + (real ? "allowed" : "denied") + " under " + policy);
                            }
                        }
                    }
                }
            }
        } finally {
            LocalRgw.store().deletePolicy(bucket);
            LocalRgw.deleteBucket(bucket);
        }
        assertTrue(requests >= 100, "only " + requests + " requests");
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + requests + " disagree:\n" + String.join("\n", wrong));
    }

    /** {@code policy} with one more statement at its end. */
    private static String plus(String policy, String statement) {
        return policy.substring(0, policy.length() - 2) + "," + statement + "]}";
    }

    private static String stmt(String effect, String principal, String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":" + principal
                + ",\"Action\":" + action + ",\"Resource\":" + resource + "}]}";
    }

    private static boolean anonymous(URI endpoint, String bucket, String action, String key) throws Exception {
        RawHttp.Response r = switch (action) {
            case "s3:GetObject" -> RawHttp.send(endpoint, "GET", "/" + bucket + "/" + key, List.of(), null);
            case "s3:PutObject" -> RawHttp.send(endpoint, "PUT", "/" + bucket + "/" + key, List.of(), "y".getBytes(StandardCharsets.UTF_8));
            default -> RawHttp.send(endpoint, "GET", "/" + bucket + "/?list-type=2", List.of(), null);
        };
        if (r.status() != 200 && r.status() != 403) throw new AssertionError(action + " answered " + r.status() + ": " + r.body());
        return r.status() == 200;
    }

    private static boolean signed(String bucket, String action, String key) {
        try {
            switch (action) {
                case "s3:GetObject" -> store2.getObject(bucket, key);
                case "s3:PutObject" -> store2.putObject(bucket, key, "y".getBytes(StandardCharsets.UTF_8), "text/plain");
                default -> store2.listPage(bucket, "", null, 10, null);
            }
            return true;
        } catch (StoreException e) {
            if (e.status() == 403 || "AccessDenied".equals(e.code())) return false;
            throw e;
        }
    }
}
