package dev.s3sh.policy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Ceph RGW (16, pacific) takes in a bucket policy, measured with PutBucketPolicy against the
 * local RGW (docs/rgw-policy.md; PolicyMatrixIT repeats the measurement).
 */
final class PolicyRules {
    private PolicyRules() {
    }

    private static final java.util.Map<String, String> CANONICAL = new java.util.HashMap<>();

    static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    /** The S3 actions RGW's policy parser knows (case does not matter to it); any other s3:NAME is refused. */
    static final Set<String> S3_ACTIONS = lower(
            "AbortMultipartUpload", "CreateBucket", "DeleteBucket", "DeleteBucketPolicy", "DeleteBucketWebsite",
            "DeleteObject", "DeleteObjectVersion", "DeleteObjectTagging", "DeleteObjectVersionTagging",
            "DeleteReplicationConfiguration", "GetAccelerateConfiguration", "GetBucketAcl", "GetBucketCORS",
            "GetBucketLocation", "GetBucketLogging", "GetBucketNotification", "GetBucketPolicy", "GetBucketPolicyStatus",
            "GetBucketPublicAccessBlock", "GetBucketObjectLockConfiguration", "GetBucketRequestPayment", "GetBucketTagging",
            "GetBucketVersioning", "GetBucketWebsite", "GetLifecycleConfiguration", "GetObject", "GetObjectAcl",
            "GetObjectLegalHold", "GetObjectRetention", "GetObjectTagging", "GetObjectTorrent", "GetObjectVersion",
            "GetObjectVersionAcl", "GetObjectVersionTagging", "GetObjectVersionTorrent", "GetPublicAccessBlock",
            "GetReplicationConfiguration", "ListAllMyBuckets", "ListBucket", "ListBucketMultipartUploads",
            "ListBucketVersions", "ListMultipartUploadParts", "PutAccelerateConfiguration", "PutBucketAcl", "PutBucketCORS",
            "PutBucketLogging", "PutBucketNotification", "PutBucketObjectLockConfiguration", "PutBucketPolicy",
            "PutBucketPublicAccessBlock", "PutBucketRequestPayment", "PutBucketTagging", "PutBucketVersioning",
            "PutBucketWebsite", "PutLifecycleConfiguration", "PutObject", "PutObjectAcl", "PutObjectLegalHold",
            "PutObjectRetention", "PutObjectTagging", "PutObjectVersionAcl", "PutObjectVersionTagging",
            "PutPublicAccessBlock", "PutReplicationConfiguration", "RestoreObject", "BypassGovernanceRetention",
            "DeleteBucketPublicAccessBlock", "DeletePublicAccessBlock");

    /** Services whose name RGW's parser knows; their actions are not about buckets (RGW takes sts:*, refuses iam:, sns:). */
    static final Set<String> OTHER_SERVICES_TAKEN = Set.of("sts");

    /** The condition operators RGW takes (each also with IfExists, ForAnyValue:, ForAllValues:); a misspelt one is refused. */
    static final Set<String> CONDITION_OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals",
            "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
            "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool",
            "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike", "Null");

    /** Condition keys RGW evaluates for S3 requests; it takes any key, and one it does not know never matches. */
    static final Set<String> CONDITION_KEYS = lower("aws:CurrentTime", "aws:EpochTime", "aws:PrincipalType",
            "aws:Referer", "aws:SecureTransport", "aws:SourceIp", "aws:UserAgent", "aws:username", "aws:userid",
            "s3:prefix", "s3:delimiter", "s3:max-keys", "s3:x-amz-acl", "s3:x-amz-copy-source",
            "s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-aws-kms-key-id",
            "s3:x-amz-metadata-directive", "s3:x-amz-storage-class", "s3:VersionId", "s3:LocationConstraint",
            "s3:ExistingObjectTag", "s3:RequestObjectTagKeys", "s3:signatureversion", "s3:authType",
            "s3:x-amz-content-sha256", "s3:x-amz-grant-read", "s3:x-amz-grant-write", "s3:x-amz-grant-read-acp",
            "s3:x-amz-grant-write-acp", "s3:x-amz-grant-full-control", "s3:object-lock-mode",
            "s3:object-lock-retain-until-date", "s3:object-lock-legal-hold", "s3:object-lock-remaining-retention-days",
            "s3:versionid", "s3:ResourceTag", "s3:RequestObjectTag", "aws:TokenIssueTime", "aws:MultiFactorAuthPresent",
            "aws:MultiFactorAuthAge", "aws:PrincipalTag", "aws:RequestTag", "aws:ResourceTag", "aws:TagKeys");

    /** Actions that change something: with Principal "*" they let anyone write. */
    static boolean isWrite(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        if (a.equals("*") || a.equals("s3:*")) return true;
        String name = a.startsWith("s3:") ? a.substring(3) : a;
        return name.startsWith("put") || name.startsWith("delete") || name.startsWith("abort") || name.startsWith("create")
                || name.startsWith("restore") || name.startsWith("bypass") || name.contains("*") && matchesAnyWrite(name);
    }

    private static boolean matchesAnyWrite(String pattern) {
        for (String known : S3_ACTIONS) {
            if ((known.startsWith("put") || known.startsWith("delete")) && Wildcard.matches(pattern, known)) return true;
        }
        return false;
    }

    /** The action's name as AWS spells it ({@code getobject} → {@code GetObject}). */
    static String canonical(String lower) {
        return CANONICAL.getOrDefault(lower, lower);
    }

    private static Set<String> lower(String... names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            out.add(n.toLowerCase(Locale.ROOT));
            CANONICAL.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
        }
        return out;
    }
}
