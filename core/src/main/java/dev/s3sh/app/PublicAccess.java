package dev.s3sh.app;

import dev.s3sh.policy.Policy;
import dev.s3sh.policy.PolicyDocument;
import dev.s3sh.policy.PolicyEvaluator;

import java.util.List;
import java.util.Optional;

/**
 * Whether anyone, unsigned, may read objects, write objects or list a bucket, decided as RGW does
 * from the bucket policy and the bucket ACL together: a policy statement that denies anonymous
 * wins, then one that allows; when none applies the ACL's grants to AllUsers decide (READ lists,
 * WRITE writes, FULL_CONTROL both; a bucket ACL never opens object reads, an object's own ACL may).
 * Policies are judged for an object at the top of the bucket, so a statement on a narrower prefix
 * is not seen. Checked against real anonymous requests in PublicAccessIT.
 */
public record PublicAccess(Access read, Access write, Access list) {
    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    /** The key anonymous object requests are judged for. */
    static final String PROBE_KEY = "any-object";

    public record Access(boolean open, String why) {
        /** "yes (policy statement 1 (PublicRead))" or "no". */
        public String render() {
            return (open ? "yes" : "no") + (why == null ? "" : " (" + why + ")");
        }
    }

    /** What anyone may do, as "read,write,list" (those that apply, in that order); "-" when nothing. */
    public String summary() {
        List<String> open = new java.util.ArrayList<>();
        if (read.open()) open.add("read");
        if (write.open()) open.add("write");
        if (list.open()) open.add("list");
        return open.isEmpty() ? "-" : String.join(",", open);
    }

    /** {@code acl}: the grants as {@code BucketInfo} lists them ("GRANTEE: PERMISSION"); {@code policy} the policy's JSON. */
    public static PublicAccess judge(String bucket, List<String> acl, Optional<String> policy) {
        Policy parsed = null;
        if (policy.isPresent()) {
            PolicyDocument doc = PolicyDocument.read(policy.get(), "s3://" + bucket);
            if (doc.readable()) parsed = Policy.of(doc.root());
        }
        boolean aclRead = granted(acl, "READ");
        boolean aclWrite = granted(acl, "WRITE");
        return new PublicAccess(
                decide(parsed, "s3:GetObject", bucket, PROBE_KEY, false, "the bucket ACL never opens objects; an object's own ACL may"),
                decide(parsed, "s3:PutObject", bucket, PROBE_KEY, aclWrite, aclWrite ? "ACL: AllUsers may WRITE" : null),
                decide(parsed, "s3:ListBucket", bucket, null, aclRead, aclRead ? "ACL: AllUsers may READ" : null));
    }

    private static Access decide(Policy policy, String action, String bucket, String key, boolean aclOpen, String aclWhy) {
        if (policy != null) {
            PolicyEvaluator.Decision d = PolicyEvaluator.decide(policy, new PolicyEvaluator.Request(null, action, bucket, key, false));
            if (d.verdict() == PolicyEvaluator.Verdict.DENIED) return new Access(false, "policy statement " + label(d) + " denies it");
            if (d.verdict() == PolicyEvaluator.Verdict.ALLOWED) return new Access(true, "policy statement " + label(d));
        }
        return new Access(aclOpen, aclWhy);
    }

    private static String label(PolicyEvaluator.Decision d) {
        return d.statement() + (d.sid() == null || d.sid().isEmpty() ? "" : " (" + d.sid() + ")");
    }

    private static boolean granted(List<String> acl, String permission) {
        return acl.contains(ALL_USERS + ": " + permission) || acl.contains(ALL_USERS + ": FULL_CONTROL");
    }
}
