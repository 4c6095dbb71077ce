package dev.s3sh.store;

import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsRule;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link ObjectStore} on the AWS SDK v2 with settings that work against Ceph RGW as well as AWS. */
public final class S3ObjectStore implements ObjectStore {
    private final S3Client s3;
    private final ErrorTranslator errors;
    private final CorsProbe probe;

    public S3ObjectStore(Profile profile) {
        this(profile, null);
    }

    /** {@code wireLog}: where {@code --debug} shows each HTTP exchange (secrets redacted); null for none. */
    public S3ObjectStore(Profile profile, PrintWriter wireLog) {
        this(profile, wireLog, Timeouts.fromSystemProperties());
    }

    /** With explicit timeouts (tests of slow or silent endpoints use short ones). */
    public S3ObjectStore(Profile profile, PrintWriter wireLog, Timeouts timeouts) {
        this.errors = new ErrorTranslator(profile.endpointLabel());
        var builder = S3Client.builder()
                .httpClientBuilder(HttpClients.builder(profile.client(), timeouts))
                .region(Region.of(profile.region() == null ? "us-east-1" : profile.region()))
                // RGW 16 rejects the SDK's default flexible checksums (XAmzContentSHA256Mismatch)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(profile.pathStyle())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(timeouts.call())
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .executionInterceptors(wireLog == null ? List.of() : List.of(new WireLog(wireLog))))
                .credentialsProvider(StaticCredentialsProvider.create(credentials(profile)));
        if (profile.endpoint() != null) builder.endpointOverride(profile.endpoint());
        this.s3 = builder.build();
        this.probe = new CorsProbe(profile, timeouts);
    }

    private static AwsCredentials credentials(Profile p) {
        if (p.sessionToken() != null && !p.sessionToken().isBlank()) {
            return AwsSessionCredentials.create(p.accessKey(), p.secretKey(), p.sessionToken());
        }
        return AwsBasicCredentials.create(p.accessKey(), p.secretKey());
    }

    /** The SDK client, for operations outside this interface (presigning, transfers). */
    public S3Client client() {
        return s3;
    }

    private <T> T call(String bucket, String key, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw errors.translate(e, bucket, key);
        }
    }

    private void run(String bucket, String key, Runnable operation) {
        call(bucket, key, () -> {
            operation.run();
            return null;
        });
    }

    @Override
    public List<BucketSummary> listBuckets() {
        return call(null, null, () -> s3.listBuckets().buckets().stream()
                .map(b -> new BucketSummary(b.name(), b.creationDate()))
                .toList());
    }

    @Override
    public ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String token) {
        ListObjectsV2Response r = call(bucket, null, () -> s3.listObjectsV2(b -> b.bucket(bucket)
                .prefix(prefix == null || prefix.isEmpty() ? null : prefix)
                .delimiter(delimiter)
                .maxKeys(maxKeys)
                // keys come URL-encoded (the SDK decodes them): a key holding a character XML 1.0 cannot
                // carry (ESC, say) would otherwise make the whole listing unreadable. RGW echoes the prefix
                // without encoding it, so a prefix holding '%' is listed plain (the SDK could not decode it)
                .encodingType(prefix != null && prefix.contains("%") ? null : EncodingType.URL)
                .continuationToken(token)));
        List<String> prefixes = r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
        List<ObjectSummary> objects = new ArrayList<>(r.contents().size());
        for (S3Object o : r.contents()) {
            objects.add(new ObjectSummary(o.key(), o.size() == null ? 0 : o.size(), o.lastModified(),
                    o.storageClassAsString(), o.eTag()));
        }
        return new ListPage(prefixes, objects, Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null);
    }

    @Override
    public void checkBucket(String bucket) {
        run(bucket, null, () -> s3.headBucket(b -> b.bucket(bucket)));
    }

    @Override
    public BucketInfo bucketInfo(String bucket) {
        checkBucket(bucket);
        List<String> notes = new ArrayList<>();
        String location = optional(bucket, notes, "location", () -> {
            var r = s3.getBucketLocation(b -> b.bucket(bucket));
            String c = r.locationConstraintAsString();
            return c == null || c.isEmpty() || BucketLocationConstraint.UNKNOWN_TO_SDK_VERSION.toString().equals(c) ? "us-east-1" : c;
        }).orElse("unknown");
        String payer = optional(bucket, notes, "payer", () ->
                s3.getBucketRequestPayment(b -> b.bucket(bucket)).payerAsString()).orElse("BucketOwner");
        Optional<String> expiration = optional(bucket, notes, "lifecycle", () -> {
            List<String> parts = new ArrayList<>();
            for (LifecycleRule rule : s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules()) {
                if (rule.expiration() == null) continue;
                String prefix = rule.filter() != null && rule.filter().prefix() != null ? rule.filter().prefix()
                        : rule.prefix() == null ? "" : rule.prefix();
                String when = rule.expiration().days() != null ? "after " + rule.expiration().days() + " days"
                        : rule.expiration().date() != null ? "on " + rule.expiration().date() : "(expired delete markers)";
                parts.add("objects under '" + prefix + "' expire " + when + " (" + rule.statusAsString() + ")");
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
        });
        Optional<String> policy = optional(bucket, notes, "policy", () -> s3.getBucketPolicy(b -> b.bucket(bucket)).policy());
        Optional<CorsConfiguration> cors = getCors(bucket);
        List<String> acl = optional(bucket, notes, "ACL", () -> {
            var r = s3.getBucketAcl(b -> b.bucket(bucket));
            List<String> lines = new ArrayList<>();
            for (Grant g : r.grants()) {
                var grantee = g.grantee();
                String who = grantee.displayName() != null ? grantee.displayName()
                        : grantee.uri() != null ? grantee.uri() : grantee.id();
                lines.add(who + ": " + g.permissionAsString());
            }
            return lines;
        }).orElse(List.of());
        return new BucketInfo(bucket, location, payer, expiration, policy, cors, acl, notes);
    }

    /** A sub-resource the bucket may simply not have: its "NoSuch…" error means empty, others become a note. */
    private <T> Optional<T> optional(String bucket, List<String> notes, String what, Supplier<T> operation) {
        try {
            return Optional.ofNullable(call(bucket, null, operation));
        } catch (StoreException e) {
            if (e.code() != null && (e.code().startsWith("NoSuch") || e.status() == 404)) return Optional.empty();
            notes.add(what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<CorsConfiguration> getCors(String bucket) {
        try {
            List<CORSRule> rules = call(bucket, null, () -> s3.getBucketCors(b -> b.bucket(bucket)).corsRules());
            return Optional.of(new CorsConfiguration(rules.stream().map(S3ObjectStore::fromSdk).toList()));
        } catch (StoreException e) {
            if ("NoSuchCORSConfiguration".equals(e.code())) return Optional.empty();
            throw e;
        }
    }

    @Override
    public void putCors(String bucket, CorsConfiguration configuration) {
        List<CORSRule> rules = configuration.rules().stream().map(S3ObjectStore::toSdk).toList();
        run(bucket, null, () -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(rules))));
    }

    @Override
    public void deleteCors(String bucket) {
        run(bucket, null, () -> s3.deleteBucketCors(b -> b.bucket(bucket)));
    }

    static CorsRule fromSdk(CORSRule r) {
        return new CorsRule(r.id(), r.allowedMethods(), r.allowedOrigins(), r.allowedHeaders(),
                r.exposeHeaders(), r.maxAgeSeconds());
    }

    static CORSRule toSdk(CorsRule r) {
        return CORSRule.builder()
                .id(r.id())
                .allowedMethods(r.allowedMethods())
                .allowedOrigins(r.allowedOrigins())
                .allowedHeaders(r.allowedHeaders().isEmpty() ? null : r.allowedHeaders())
                .exposeHeaders(r.exposeHeaders().isEmpty() ? null : r.exposeHeaders())
                .maxAgeSeconds(r.maxAgeSeconds())
                .build();
    }

    @Override
    public ProbeResult probe(ProbeRequest request) {
        try {
            return probe.send(request);
        } catch (java.io.IOException e) {
            throw errors.network(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted", 0, "interrupted");
        }
    }

    @Override
    public void createBucket(String bucket) {
        run(bucket, null, () -> s3.createBucket(b -> b.bucket(bucket)));
    }

    @Override
    public void putObject(String bucket, String key, byte[] content, String contentType) {
        run(bucket, key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromBytes(content)));
    }

    @Override
    public byte[] getObject(String bucket, String key) {
        return call(bucket, key, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    @Override
    public void deleteObject(String bucket, String key) {
        run(bucket, key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public void deleteBucket(String bucket) {
        run(bucket, null, () -> s3.deleteBucket(b -> b.bucket(bucket)));
    }

    @Override
    public void close() {
        s3.close();
    }
}
