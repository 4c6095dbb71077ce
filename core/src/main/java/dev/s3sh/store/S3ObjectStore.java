package dev.s3sh.store;

import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsConfiguration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.PrintWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** {@link ObjectStore} on the AWS SDK v2 with settings that work against Ceph RGW as well as AWS. */
public final class S3ObjectStore implements ObjectStore {
    /** Builds the SDK's client, on first use: a get, a put or a stat needs none of it (DirectGet, DirectPut). */
    private final Supplier<S3Client> build;
    private S3Client s3;
    private final ErrorTranslator errors;
    private final CorsProbe probe;
    private final AwsCredentialsProvider credentials;
    private final DirectPut direct;
    private final DirectGet directGet;
    private final DirectList directList;
    private final DirectRequests directRequests;
    private final URI endpoint;
    private final ExecutorService requests = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3sh-request");
        t.setDaemon(true);
        return t;
    });

    public S3ObjectStore(Profile profile) {
        this(profile, null);
    }

    /** The AWS SDK's version, for 's3sh --version' (the SDK is seen only from this package). */
    public static String sdkVersion() {
        return software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION;
    }

    /** {@code wireLog}: where {@code --debug} shows each HTTP exchange (secrets redacted); null for none. */
    public S3ObjectStore(Profile profile, PrintWriter wireLog) {
        this(profile, wireLog, Timeouts.fromSystemProperties());
    }

    /** With explicit timeouts (tests of slow or silent endpoints use short ones). */
    public S3ObjectStore(Profile profile, PrintWriter wireLog, Timeouts timeouts) {
        // one HTTP configuration (trust, proxy, timeouts) for the SDK's requests and the CORS probe's
        // a plain http:// endpoint makes no TLS connection: its trust (a CA bundle of a hundred or more
        // certificates to parse) is not read at all
        boolean tls = profile.endpoint() == null || !"http".equalsIgnoreCase(profile.endpoint().getScheme());
        HttpClients http = HttpClients.of(profile.client(), timeouts, tls);
        this.endpoint = profile.endpoint();
        this.credentials = Credentials.provider(profile, http);
        var builder = S3Client.builder()
                .httpClientBuilder(http.sdk())
                .region(Region.of(profile.region() == null ? "us-east-1" : profile.region()))
                // RGW 16 rejects the SDK's default flexible checksums (XAmzContentSHA256Mismatch)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(profile.pathStyle())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(timeouts.call())
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .executionInterceptors(interceptors(wireLog)))
                .credentialsProvider(credentials);
        if (profile.endpoint() != null) builder.endpointOverride(profile.endpoint());
        this.build = builder::build;
        // URLs as the client addresses objects (same region, endpoint, path or virtual-host style),
        // without building the client
        S3Utilities.Builder urlBuilder = S3Utilities.builder()
                .region(Region.of(profile.region() == null ? "us-east-1" : profile.region()))
                .s3Configuration(S3Configuration.builder().pathStyleAccessEnabled(profile.pathStyle()).build());
        if (profile.endpoint() != null) urlBuilder.endpoint(profile.endpoint());
        S3Utilities urls = urlBuilder.build();
        this.probe = new CorsProbe(profile, credentials, http, urls);
        this.directRequests = new DirectRequests(http, credentials, profile.region() == null ? "us-east-1" : profile.region(),
                urls, wireLog == null ? null : new WireLog(wireLog));
        this.direct = new DirectPut(directRequests);
        this.directGet = new DirectGet(directRequests);
        this.directList = new DirectList(timeouts, directRequests, bucket -> probe.url(bucket, null));
        // a failure to reach a bucket names the host the request went to: BUCKET.HOST when virtual-hosted
        this.errors = new ErrorTranslator(profile.endpointLabel(), bucket -> origin(probe.url(bucket, null)));
    }

    /** The cap comes first, so that what the others read is already capped. */
    private static List<ExecutionInterceptor> interceptors(PrintWriter wireLog) {
        List<ExecutionInterceptor> list = new ArrayList<>(List.of(new ResponseCap(ResponseCap.DEFAULT_LIMIT), new XmlKeyRefs()));
        if (wireLog != null) list.add(new WireLog(wireLog));
        return list;
    }

    /** The listing's own HTTP path (tests look at its connections). */
    DirectList directList() {
        return directList;
    }

    /** The SDK client, for operations outside this interface (presigning, transfers). */
    public S3Client client() {
        return s3();
    }

    private synchronized S3Client s3() {
        if (s3 == null) s3 = build.get();
        return s3;
    }

    /**
     * Runs one SDK call on a request thread and waits for it interruptibly. A socket read cannot be
     * interrupted, so waiting here is what lets Ctrl-C stop a command at once instead of when the
     * server answers or the socket times out (30 s); the abandoned request ends on its own thread
     * and its answer is dropped.
     */
    private <T> T call(String bucket, String key, Supplier<T> operation) {
        if (Thread.currentThread().isInterrupted()) throw new StoreException("Interrupted", 0, "interrupted");
        return await(requests.submit(operation::get), bucket, key);
    }

    /** Waits for a request started on a request thread, interruptibly, as {@link #call} does. */
    private <T> T await(Future<T> pending, String bucket, String key) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted", 0, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw errors.translate(r, bucket, key);
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
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
        return call(null, null, () -> s3().listBuckets().buckets().stream()
                .map(b -> new BucketSummary(b.name(), b.creationDate()))
                .toList());
    }

    @Override
    public ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String token) {
        return call(bucket, null, () -> fetchPage(bucket, prefix, delimiter, maxKeys, token));
    }

    /**
     * One page ahead: the next page is asked for as soon as this one is handed over, so that the
     * server's time to list it (~15 ms a page on RGW) passes while the caller prints this one.
     */
    @Override
    public java.util.Iterator<ListPage> pages(String bucket, String prefix, String delimiter, int maxKeys) {
        return new ListPages(token -> {
            if (Thread.currentThread().isInterrupted()) throw new StoreException("Interrupted", 0, "interrupted");
            Future<ListPage> pending = requests.submit(() -> fetchPage(bucket, prefix, delimiter, maxKeys, token));
            return () -> await(pending, bucket, null);
        });
    }

    /** One page on the calling thread: {@link #listPage} and {@link #pages} run it on a request thread. */
    private ListPage fetchPage(String bucket, String prefix, String delimiter, int maxKeys, String token) {
        // ListObjectsV2 read with StAX as it arrives (see DirectList); on AWS (no endpoint given), the SDK's client
        if (endpoint != null) {
            return directList.page(bucket, prefix, delimiter, maxKeys, token);
        }
        boolean plain = prefix != null && prefix.contains("%");
        ListObjectsV2Response r = s3().listObjectsV2(b -> b.bucket(bucket)
                .prefix(prefix == null || prefix.isEmpty() ? null : prefix)
                .delimiter(delimiter)
                .maxKeys(maxKeys)
                // keys come URL-encoded (the SDK decodes them): a key holding a character XML 1.0 cannot
                // carry (ESC, say) would otherwise make the whole listing unreadable. RGW echoes the prefix
                // without encoding it, so a prefix holding '%' is listed plain (the SDK could not decode it)
                .encodingType(plain ? null : EncodingType.URL)
                .continuationToken(token));
        List<String> prefixes = r.commonPrefixes().stream().map(p -> plain ? XmlKeyRefs.decode(p.prefix()) : p.prefix()).toList();
        List<ObjectSummary> objects = new ArrayList<>(r.contents().size());
        for (S3Object o : r.contents()) {
            objects.add(new ObjectSummary(plain ? XmlKeyRefs.decode(o.key()) : o.key(), o.size() == null ? 0 : o.size(), o.lastModified(),
                    o.storageClassAsString(), o.eTag()));
        }
        return new ListPage(prefixes, objects, Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null);
    }

    @Override
    public void checkBucket(String bucket) {
        run(bucket, null, () -> s3().headBucket(b -> b.bucket(bucket)));
    }

    @Override
    public BucketInfo bucketInfo(String bucket) {
        checkBucket(bucket);
        List<String> notes = new ArrayList<>();
        String location = optional(bucket, notes, "location", () -> {
            var r = s3().getBucketLocation(b -> b.bucket(bucket));
            String c = r.locationConstraintAsString();
            return c == null || c.isEmpty() || BucketLocationConstraint.UNKNOWN_TO_SDK_VERSION.toString().equals(c) ? "us-east-1" : c;
        }).orElse("unknown");
        String payer = optional(bucket, notes, "payer", () ->
                s3().getBucketRequestPayment(b -> b.bucket(bucket)).payerAsString()).orElse("BucketOwner");
        Optional<String> expiration = optional(bucket, notes, "lifecycle", () -> {
            List<String> parts = new ArrayList<>();
            for (LifecycleRule rule : s3().getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules()) {
                if (rule.expiration() == null) continue;
                String prefix = rule.filter() != null && rule.filter().prefix() != null ? rule.filter().prefix()
                        : rule.prefix() == null ? "" : rule.prefix();
                String when = rule.expiration().days() != null ? "after " + rule.expiration().days() + " days"
                        : rule.expiration().date() != null ? "on " + rule.expiration().date() : "(expired delete markers)";
                parts.add("objects under '" + prefix + "' expire " + when + " (" + rule.statusAsString() + ")");
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
        });
        Optional<String> policy = optional(bucket, notes, "policy", () -> s3().getBucketPolicy(b -> b.bucket(bucket)).policy());
        Optional<CorsConfiguration> cors = getCors(bucket);
        List<String> acl = optional(bucket, notes, "ACL", () -> aclLines(bucket)).orElse(List.of());
        return new BucketInfo(bucket, location, payer, expiration, policy, cors, acl, notes);
    }

    @Override
    public List<String> getAcl(String bucket) {
        return call(bucket, null, () -> aclLines(bucket));
    }

    private List<String> aclLines(String bucket) {
        var r = s3().getBucketAcl(b -> b.bucket(bucket));
        List<String> lines = new ArrayList<>();
        for (Grant g : r.grants()) {
            var grantee = g.grantee();
            String who = grantee.displayName() != null ? grantee.displayName()
                    : grantee.uri() != null ? grantee.uri() : grantee.id();
            lines.add(who + ": " + g.permissionAsString());
        }
        return lines;
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
        // read as our own XML: the SDK's Integer MaxAgeSeconds cannot hold every value RGW stores (CorsXmlExchange)
        CorsXmlExchange.Reading reading = new CorsXmlExchange.Reading();
        try {
            run(bucket, null, () -> s3().getBucketCors(b -> b.bucket(bucket).overrideConfiguration(reading.plugin())));
            return Optional.of(reading.configuration(bucket));
        } catch (StoreException e) {
            if ("NoSuchCORSConfiguration".equals(e.code())) return Optional.empty();
            throw e;
        }
    }

    @Override
    public void putCors(String bucket, CorsConfiguration configuration) {
        // the SDK marshals an empty configuration; the body sent is our XML, exact for every value (CorsXmlExchange)
        run(bucket, null, () -> s3().putBucketCors(b -> b.bucket(bucket)
                .corsConfiguration(c -> c.corsRules(List.of()))
                .overrideConfiguration(CorsXmlExchange.sending(configuration))));
    }

    @Override
    public void deleteCors(String bucket) {
        run(bucket, null, () -> s3().deleteBucketCors(b -> b.bucket(bucket)));
    }

    @Override
    public Optional<String> getPolicy(String bucket) {
        try {
            return Optional.ofNullable(call(bucket, null, () -> s3().getBucketPolicy(b -> b.bucket(bucket)).policy()));
        } catch (StoreException e) {
            if ("NoSuchBucketPolicy".equals(e.code())) return Optional.empty();
            throw e;
        }
    }

    @Override
    public void putPolicy(String bucket, String policyJson) {
        run(bucket, null, () -> s3().putBucketPolicy(b -> b.bucket(bucket).policy(policyJson)));
    }

    @Override
    public void deletePolicy(String bucket) {
        run(bucket, null, () -> s3().deleteBucketPolicy(b -> b.bucket(bucket)));
    }

    @Override
    public Optional<String> getLifecycle(String bucket) {
        // read as text: the SDK's model drops what it does not know and would re-order the rules' elements
        CorsXmlExchange.Reading reading = new CorsXmlExchange.Reading("<LifecycleConfiguration/>");
        try {
            run(bucket, null, () -> s3().getBucketLifecycleConfiguration(b -> b.bucket(bucket).overrideConfiguration(reading.plugin())));
        } catch (StoreException e) {
            if ("NoSuchLifecycleConfiguration".equals(e.code())) return Optional.empty();
            throw e;
        }
        byte[] body = reading.body();
        if (body == null) throw new StoreException("EmptyLifecycleResponse", 200, "the server answered GET ?lifecycle for bucket " + bucket + " without a body");
        return Optional.of(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void putLifecycle(String bucket, String xml) {
        // the SDK marshals an empty configuration; the body sent (checksummed and signed) is s3sh's XML
        run(bucket, null, () -> s3().putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(c -> c.rules(List.of()))
                .overrideConfiguration(CorsXmlExchange.sending(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    }

    @Override
    public void deleteLifecycle(String bucket) {
        run(bucket, null, () -> s3().deleteBucketLifecycle(b -> b.bucket(bucket)));
    }

    @Override
    public ProbeResult probe(ProbeRequest request) {
        java.net.URI target = probe.url(request.bucket(), request.key());
        try {
            return probe.send(request);
        } catch (java.io.IOException e) {
            // name the host the probe reached (BUCKET.HOST when virtual-hosted), not the profile's endpoint
            throw errors.network(e, origin(target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted", 0, "interrupted");
        }
    }

    /** {@code scheme://host[:port]} of a URL, as messages name a server. */
    private static String origin(java.net.URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    public void createBucket(String bucket) {
        run(bucket, null, () -> s3().createBucket(b -> b.bucket(bucket)));
    }

    @Override
    public void putObject(String bucket, String key, byte[] content, String contentType) {
        run(bucket, key, () -> s3().putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                        .overrideConfiguration(content.length == 0 ? NOT_CHUNKED : o -> { }),
                RequestBody.fromBytes(content)));
    }

    @Override
    public byte[] getObject(String bucket, String key) {
        return call(bucket, key, () -> s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    @Override
    public void deleteObject(String bucket, String key) {
        run(bucket, key, () -> s3().deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public void deleteBucket(String bucket) {
        run(bucket, null, () -> s3().deleteBucket(b -> b.bucket(bucket)));
    }

    @Override
    public ObjectInfo stat(String bucket, String key) {
        // a signed HEAD of our own (DirectGet): a get then needs nothing of the SDK's client
        DirectGet.Head h = call(bucket, key, () -> directGet.head(bucket, key, 0));
        String etag = h.etag() == null ? "" : h.etag().replace("\"", "");
        int parts = 0;
        long partSize = 0;
        int dash = etag.indexOf('-');
        if (dash > 0) {
            try {
                parts = Integer.parseInt(etag.substring(dash + 1));
                partSize = call(bucket, key, () -> directGet.head(bucket, key, 1)).size();
                // RGW 16 ignores partNumber and answers with the whole object: then the layout is unknown
                if (partSize >= h.size() && parts > 1) partSize = 0;
            } catch (NumberFormatException | StoreException e) {
                partSize = 0; // unknown part layout: the caller cannot verify part by part
            }
        }
        return new ObjectInfo(bucket, key, h.size(), h.lastModified(), h.contentType(), h.etag(),
                h.storageClass() == null ? "STANDARD" : h.storageClass(), h.metadata(), parts, partSize);
    }

    @Override
    public InputStream open(String bucket, String key, long first, long last) {
        // read straight from the connection (DirectGet says why not the SDK)
        return call(bucket, key, () -> directGet.open(bucket, key, first, last));
    }

    @Override
    public SentPart upload(String bucket, String key, String uploadId, int partNumber, Path file, long offset, long length,
                           String contentType, LongConsumer sent) {
        // streamed from the file, unsigned payload with a signed Content-MD5 (DirectPut says why not the SDK)
        return call(bucket, key, () -> direct.send(bucket, key, uploadId, partNumber, length, contentType,
                () -> fileSlice(file, offset, length), sent));
    }

    private static InputStream fileSlice(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            return new FilterInputStream(in) {
                long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) return -1;
                    int b = super.read();
                    if (b >= 0) left--;
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    if (left <= 0) return -1;
                    int n = super.read(buf, off, (int) Math.min(len, left));
                    if (n > 0) left -= n;
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String startMultipart(String bucket, String key, String contentType, Map<String, String> metadata) {
        return call(bucket, key, () -> s3().createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                .metadata(metadata.isEmpty() ? null : metadata))).uploadId();
    }

    @Override
    public String completeMultipart(String bucket, String key, String uploadId, List<String> partEtags) {
        List<CompletedPart> parts = new ArrayList<>(partEtags.size());
        for (int i = 0; i < partEtags.size(); i++) {
            parts.add(CompletedPart.builder().partNumber(i + 1).eTag(partEtags.get(i)).build());
        }
        String etag = call(bucket, key, () -> s3().completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)))).eTag();
        etag = etag == null ? "" : etag.replace("\"", "");
        // RGW 16's answer carries an empty ETag element: ask for it
        return etag.isEmpty() ? stat(bucket, key).plainEtag() : etag;
    }

    @Override
    public void abortMultipart(String bucket, String key, String uploadId) {
        run(bucket, key, () -> s3().abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
    }

    @Override
    public List<UploadSummary> listUploads(String bucket, String prefix) {
        List<UploadSummary> result = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        while (true) {
            String km = keyMarker, im = idMarker;
            var r = call(bucket, null, () -> s3().listMultipartUploads(b -> b.bucket(bucket)
                    .prefix(prefix == null || prefix.isEmpty() ? null : prefix).keyMarker(km).uploadIdMarker(im)));
            // RGW ignores encoding-type here: keys XML 1.0 cannot hold come as markers (XmlKeyRefs)
            for (MultipartUpload u : r.uploads()) result.add(new UploadSummary(XmlKeyRefs.decode(u.key()), u.uploadId(), u.initiated()));
            if (!Boolean.TRUE.equals(r.isTruncated())) return result;
            keyMarker = XmlKeyRefs.decode(r.nextKeyMarker());
            idMarker = r.nextUploadIdMarker();
        }
    }

    /**
     * RGW answers 411 MissingContentLength to a PUT that has no body at all (copies), which is what the
     * URLConnection client sends: give those requests an empty body so that "Content-Length: 0" goes out.
     */
    private static final ExecutionInterceptor EMPTY_BODY_INTERCEPTOR = new ExecutionInterceptor() {
        @Override
        public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.requestBody().isPresent() ? context.requestBody() : Optional.of(RequestBody.empty());
        }
    };
    private static final java.util.function.Consumer<software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.Builder> EMPTY_BODY =
            o -> o.addPlugin(config -> config.overrideConfiguration(c -> c.addExecutionInterceptor(EMPTY_BODY_INTERCEPTOR)));

    /**
     * Over plain HTTP the SDK sends bodies as signed aws-chunked streams; RGW 16 rejects that encoding
     * for an empty body (XAmzContentSHA256Mismatch). Empty uploads are therefore signed whole.
     */
    private static final java.util.function.Consumer<software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.Builder> NOT_CHUNKED =
            o -> o.addPlugin(config -> {
                var b = (software.amazon.awssdk.services.s3.S3ServiceClientConfiguration.Builder) config;
                var base = b.authSchemeProvider() != null ? b.authSchemeProvider()
                        : software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider.defaultProvider();
                b.authSchemeProvider(params -> base.resolveAuthScheme(params).stream()
                        .map(option -> option.toBuilder().putSignerProperty(
                                software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false).build())
                        .toList());
            });

    @Override
    public String copy(String srcBucket, String srcKey, String bucket, String key) {
        String etag = call(bucket, key, () -> s3().copyObject(b -> b.sourceBucket(srcBucket).sourceKey(srcKey)
                .destinationBucket(bucket).destinationKey(key).overrideConfiguration(EMPTY_BODY))).copyObjectResult().eTag();
        return etag == null ? null : etag.replace("\"", "");
    }

    @Override
    public String copyPart(String srcBucket, String srcKey, String bucket, String key, String uploadId, int partNumber,
                           long first, long last) {
        String etag = call(bucket, key, () -> s3().uploadPartCopy(b -> b.sourceBucket(srcBucket).sourceKey(srcKey)
                .destinationBucket(bucket).destinationKey(key).uploadId(uploadId).partNumber(partNumber)
                .copySourceRange("bytes=" + first + "-" + last).overrideConfiguration(EMPTY_BODY))).copyPartResult().eTag();
        return etag == null ? null : etag.replace("\"", "");
    }

    @Override
    public List<String> deleteObjects(String bucket, List<String> keys) {
        List<String> failed = new ArrayList<>();
        List<ObjectIdentifier> ids = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (!xmlCanCarry(key)) {
                // DeleteObjects names its keys in an XML body: one such key would make the server
                // refuse the whole batch (400), so it goes alone, named in the URL
                try {
                    deleteObject(bucket, key);
                } catch (StoreException e) {
                    if ("Interrupted".equals(e.code())) throw e;
                    failed.add(key + ": " + e.getMessage());
                }
            } else {
                ids.add(ObjectIdentifier.builder().key(key).build());
            }
        }
        if (ids.isEmpty()) return failed;
        var r = call(bucket, null, () -> s3().deleteObjects(b -> b.bucket(bucket)
                .delete(Delete.builder().objects(ids).quiet(true).build())));
        r.errors().forEach(e -> failed.add(e.key() + ": " + e.code()));
        return failed;
    }

    /**
     * False for a key an XML 1.0 body cannot hold as it is: C0 controls (tab, CR and LF included, as
     * a parser may normalise them into another key), U+FFFE, U+FFFF and lone surrogate halves.
     */
    static boolean xmlCanCarry(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0xfffe || c == 0xffff) return false;
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private volatile S3Presigner presigner;

    /** A presigner with the client's region, credentials, endpoint and addressing style. */
    private S3Presigner buildPresigner() {
        var config = s3().serviceClientConfiguration();
        URL probe = s3().utilities().getUrl(b -> b.bucket("probe-bucket").key("k"));
        boolean pathStyle = !probe.getHost().startsWith("probe-bucket.");
        var builder = S3Presigner.builder()
                .region(config.region())
                .credentialsProvider(config.credentialsProvider())
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(pathStyle).build());
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public URL presign(String method, String bucket, String key, Duration ttl) {
        if (presigner == null) {
            synchronized (this) {
                if (presigner == null) presigner = buildPresigner();
            }
        }
        return call(bucket, key, () -> switch (method) {
            case "GET" -> presigner.presignGetObject(p -> p.signatureDuration(ttl)
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url();
            case "PUT" -> presigner.presignPutObject(p -> p.signatureDuration(ttl)
                    .putObjectRequest(g -> g.bucket(bucket).key(key))).url();
            case "HEAD" -> presigner.presignHeadObject(p -> p.signatureDuration(ttl)
                    .headObjectRequest(g -> g.bucket(bucket).key(key))).url();
            case "DELETE" -> presigner.presignDeleteObject(p -> p.signatureDuration(ttl)
                    .deleteObjectRequest(g -> g.bucket(bucket).key(key))).url();
            default -> throw new IllegalArgumentException("cannot presign method " + method);
        });
    }

    @Override
    public void close() {
        if (presigner != null) presigner.close();
        requests.shutdownNow();
        directRequests.close();
        S3Client built;
        synchronized (this) {
            built = s3;
        }
        if (built != null) built.close();
        // the SDK closes only the providers it made; a delegated one may hold an STS or SSO client
        if (credentials instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort: the session ends or switches anyway
            }
        }
    }
}
