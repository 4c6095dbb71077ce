package dev.s3sh.policy;

import dev.s3sh.document.DocumentProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy engine without a server: positions of problems, what the validator refuses, Allow against Deny. */
class PolicyEngineTest {
    private static final String B = "arn:aws:s3:::site";

    private static List<String> errors(String json, String bucket) {
        return PolicyValidator.errors(PolicyValidator.validate(PolicyDocument.read(json, "p.json"), bucket)).stream()
                .map(DocumentProblem::render).toList();
    }

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String statement(String effect, String principal, String action, String resource) {
        return "{\"Effect\":\"" + effect + "\",\"Principal\":" + principal + ",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }

    @Test
    void aJsonSyntaxErrorNamesItsLineAndColumn() {
        PolicyDocument doc = PolicyDocument.read("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}", "p.json");
        assertFalse(doc.readable());
        assertTrue(doc.syntaxProblems().get(0).render().startsWith("p.json:3:"), doc.syntaxProblems().toString());
    }

    @Test
    void aValidatorProblemNamesTheLineOfTheValue() {
        String json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"allow\",\n"
                + "    \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"" + B + "/*\"}]\n}";
        List<String> e = errors(json, "site");
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("p.json:4:") && e.get(0).contains("statement 1: Effect"), e.toString());
    }

    @Test
    void theValidatorRefusesWhatRgwRefuses() {
        String good = statement("Allow", "\"*\"", "s3:GetObject", B + "/*");
        assertEquals(List.of(), errors(policy(good), "site"));
        assertFalse(errors(policy(good.replace("s3:GetObject", "s3:GetObjekt")), "site").isEmpty());
        assertFalse(errors(policy(good.replace("s3:GetObject", "iam:CreateUser")), "site").isEmpty());
        assertFalse(errors(policy(good.replace("\"*\"", "[\"*\"]")), "site").isEmpty());
        assertFalse(errors(policy(good.replace(B + "/*", "site/*")), "site").isEmpty());
        assertFalse(errors("{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[" + good + "]}", "site").isEmpty());
        // wildcards and any case of an action are taken
        assertEquals(List.of(), errors(policy(good.replace("s3:GetObject", "s3:Get*")), "site"));
        assertEquals(List.of(), errors(policy(good.replace("s3:GetObject", "S3:GETOBJECT")), "site"));
    }

    @Test
    void anotherBucketsResourceIsAnErrorOnlyForThisBucket() {
        String other = policy(statement("Allow", "\"*\"", "s3:GetObject", "arn:aws:s3:::other/*"));
        assertEquals(List.of(), errors(other, null));
        List<String> e = errors(other, "site");
        assertTrue(e.size() == 1 && e.get(0).contains("is not in s3://site"), e.toString());
    }

    @Test
    void anExplicitDenyWinsOverAnAllow() {
        Policy p = Policy.of(PolicyDocument.read(policy(
                statement("Allow", "\"*\"", "s3:GetObject", B + "/*"),
                statement("Deny", "\"*\"", "s3:GetObject", B + "/private/*")), "p").root());
        var open = PolicyEvaluator.decide(p, new PolicyEvaluator.Request(null, "s3:GetObject", "site", "index.html", false));
        assertEquals(PolicyEvaluator.Verdict.ALLOWED, open.verdict());
        assertEquals(1, open.statement());
        var closed = PolicyEvaluator.decide(p, new PolicyEvaluator.Request(null, "s3:GetObject", "site", "private/a", false));
        assertEquals(PolicyEvaluator.Verdict.DENIED, closed.verdict());
        assertEquals(2, closed.statement());
        var write = PolicyEvaluator.decide(p, new PolicyEvaluator.Request(null, "s3:PutObject", "site", "index.html", false));
        assertEquals(PolicyEvaluator.Verdict.NO_STATEMENT, write.verdict());
        assertNull(write.statement());
    }

    @Test
    void aPrincipalArnMatchesOnlyThatUser() {
        Policy p = Policy.of(PolicyDocument.read(policy(
                statement("Allow", "{\"AWS\":[\"arn:aws:iam:::user/alice\"]}", "s3:ListBucket", B)), "p").root());
        assertEquals(PolicyEvaluator.Verdict.ALLOWED, PolicyEvaluator.decide(p,
                new PolicyEvaluator.Request("arn:aws:iam:::user/alice", "s3:ListBucket", "site", null, false)).verdict());
        assertEquals(PolicyEvaluator.Verdict.NO_STATEMENT, PolicyEvaluator.decide(p,
                new PolicyEvaluator.Request("arn:aws:iam:::user/bob", "s3:ListBucket", "site", null, false)).verdict());
        assertEquals(PolicyEvaluator.Verdict.NO_STATEMENT, PolicyEvaluator.decide(p,
                new PolicyEvaluator.Request(null, "s3:ListBucket", "site", null, false)).verdict());
    }

    @Test
    void aConditionS3shCannotJudgeIsReportedNotGuessed() {
        String s = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + B
                + "/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}";
        Policy p = Policy.of(PolicyDocument.read(policy(s), "p").root());
        var d = PolicyEvaluator.decide(p, new PolicyEvaluator.Request(null, "s3:GetObject", "site", "a", false));
        assertEquals(PolicyEvaluator.Verdict.NO_STATEMENT, d.verdict());
        assertEquals(List.of(1), d.unjudged());
    }

    @Test
    void aTemplatesUserAndBucketStayOneValueEachWhateverTheyHoldIn() {
        String user = "eve\"]}, {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:*";
        var policy = PolicyTemplates.policy("read-only-user", "site", user);
        assertEquals(1, policy.get("Statement").size(), policy.toString());
        var principals = policy.get("Statement").get(0).get("Principal").get("AWS");
        assertEquals(1, principals.size(), policy.toString());
        assertEquals("arn:aws:iam:::user/" + user, principals.get(0).asText());
        assertEquals(B + "/*", policy.get("Statement").get(0).get("Resource").get(1).asText());
    }
}
