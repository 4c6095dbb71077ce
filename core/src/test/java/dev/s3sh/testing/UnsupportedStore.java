package dev.s3sh.testing;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.store.BucketInfo;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.ProbeRequest;
import dev.s3sh.store.ProbeResult;
import dev.s3sh.store.UploadSummary;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The base of in-memory test stores: every operation a test store does not implement says so
 * loudly, so a test never passes by touching something its fake cannot do.
 */
public abstract class UnsupportedStore implements ObjectStore {
    protected UnsupportedOperationException unsupported(String operation) {
        return new UnsupportedOperationException(operation + " is not in " + getClass().getSimpleName());
    }

    @Override public List<BucketSummary> listBuckets() { throw unsupported("listBuckets"); }
    @Override public ListPage listPage(String b, String p, String d, int m, String t) { throw unsupported("listPage"); }
    @Override public void checkBucket(String b) { throw unsupported("checkBucket"); }
    @Override public BucketInfo bucketInfo(String b) { throw unsupported("bucketInfo"); }
    @Override public Optional<CorsConfiguration> getCors(String b) { throw unsupported("getCors"); }
    @Override public void putCors(String b, CorsConfiguration c) { throw unsupported("putCors"); }
    @Override public void deleteCors(String b) { throw unsupported("deleteCors"); }
    @Override public ProbeResult probe(ProbeRequest r) { throw unsupported("probe"); }
    @Override public void createBucket(String b) { throw unsupported("createBucket"); }
    @Override public void putObject(String b, String k, byte[] c, String t) { throw unsupported("putObject"); }
    @Override public byte[] getObject(String b, String k) { throw unsupported("getObject"); }
    @Override public void deleteObject(String b, String k) { throw unsupported("deleteObject"); }
    @Override public void deleteBucket(String b) { throw unsupported("deleteBucket"); }
    @Override public ObjectInfo stat(String b, String k) { throw unsupported("stat"); }
    @Override public InputStream open(String b, String k, long first, long last) { throw unsupported("open"); }
    @Override public SentPart upload(String b, String k, String u, int n, Path f, long o, long l, String t, LongConsumer s) { throw unsupported("upload"); }
    @Override public String startMultipart(String b, String k, String t, Map<String, String> m) { throw unsupported("startMultipart"); }
    @Override public String completeMultipart(String b, String k, String u, List<String> e) { throw unsupported("completeMultipart"); }
    @Override public void abortMultipart(String b, String k, String u) { throw unsupported("abortMultipart"); }
    @Override public List<UploadSummary> listUploads(String b, String p) { throw unsupported("listUploads"); }
    @Override public String copy(String sb, String sk, String b, String k) { throw unsupported("copy"); }
    @Override public String copyPart(String sb, String sk, String b, String k, String u, int n, long f, long l) { throw unsupported("copyPart"); }
    @Override public List<String> deleteObjects(String b, List<String> keys) { throw unsupported("deleteObjects"); }
    @Override public URL presign(String m, String b, String k, Duration ttl) { throw unsupported("presign"); }
    @Override public void close() { }
}
