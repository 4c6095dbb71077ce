package dev.s3sh.cors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.Chromium;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.RawHttp;
import dev.s3sh.testing.ShellHarness;
import dev.s3sh.testing.StaticSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browser truth: a page served from one loopback origin runs {@code fetch} against the local RGW in a real
 * headless Chromium, and what the browser did (the page got the response, or CORS blocked it at the
 * preflight or at the response) must be exactly what {@code cors check --dialect rgw} predicted, through
 * {@link BrowserCors}: the preflight check when the request is not simple, then the actual request's check
 * ({@code --actual}, {@code --authorized} when signed). Server effects are checked too: a PUT or DELETE
 * whose preflight failed never reached the server; a blocked simple request did.
 *
 * <p>Each scenario uses its own object key, so a cached preflight (Max-Age) never answers for another one.
 * The scenario table goes to {@code target/browser-cors-scenarios.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserCorsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FETCH = """
            const [url, method, headers, body, credentials, readHeader, done] = arguments;
            fetch(url, {method, headers, body: body === null ? undefined : body, mode: 'cors', cache: 'no-store',
                        credentials: credentials ? 'include' : 'same-origin'})
              .then(r => done({ok: true, status: r.status, readable: readHeader ? r.headers.get(readHeader) !== null : null}))
              .catch(e => done({ok: false, error: String(e)}));
            """;

    enum Via { ANONYMOUS, SIGNED, PRESIGNED }

    /** One browser request: which configuration, from which page, what the page's fetch does. */
    record Scenario(String name, String config, String host, boolean otherPort, String method, Map<String, String> headers,
                    boolean credentials, Via via, String readHeader) {
        Scenario header(String n, String v) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(n, v);
            return new Scenario(name, config, host, otherPort, method, h, credentials, via, readHeader);
        }

        Scenario withCredentials() {
            return new Scenario(name, config, host, otherPort, method, headers, true, via, readHeader);
        }

        Scenario signedBy(Via v) {
            return new Scenario(name, config, host, otherPort, method, headers, credentials, v, readHeader);
        }

        Scenario onOtherPort() {
            return new Scenario(name, config, host, true, method, headers, credentials, via, readHeader);
        }

        Scenario read(String header) {
            return new Scenario(name, config, host, otherPort, method, headers, credentials, via, header);
        }

        /** Scenarios of the https-* configurations run from an https page against the HTTPS virtual-hosted endpoint. */
        boolean tls() {
            return config.startsWith("https-");
        }

        boolean hasBody() {
            return method.equals("PUT") || method.equals("POST");
        }
    }

    static Scenario s(String name, String config, String host, String method) {
        return new Scenario(name, config, host, false, method, Map.of(), false, Via.ANONYMOUS, null);
    }

    static final String APP = "app.example.test";
    static final String SUB_A = "a.example.test";
    static final String SUB_DEEP = "b.app.example.test";
    static final String BARE = "example.test";
    static final String EVIL = "evil.example.org";
    static final String APP_ORG = "app.example.org";
    static final String TEXT = "text/plain;charset=UTF-8";

    static List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>();
        // exact: one rule for the app's origin only
        l.add(s("simple GET, ETag exposed", "exact", APP, "GET").read("ETag"));
        l.add(s("HEAD", "exact", APP, "HEAD"));
        l.add(s("GET with a custom header", "exact", APP, "GET").header("X-Custom", "1"));
        l.add(s("GET with an x-amz-meta-* header", "exact", APP, "GET").header("x-amz-meta-note", "hi"));
        l.add(s("PUT with Content-Type application/json", "exact", APP, "PUT").header("Content-Type", "application/json"));
        l.add(s("PUT with Content-Type text/plain", "exact", APP, "PUT").header("Content-Type", TEXT));
        l.add(s("DELETE", "exact", APP, "DELETE"));
        l.add(s("simple POST, method not in the rule", "exact", APP, "POST").header("Content-Type", TEXT));
        l.add(s("GET from a denied origin", "exact", EVIL, "GET"));
        l.add(s("GET from the app host on another port", "exact", APP, "GET").onOtherPort());
        l.add(s("GET in credentials mode", "exact", APP, "GET").withCredentials());
        l.add(s("PUT from a denied origin", "exact", EVIL, "PUT").header("Content-Type", TEXT));
        // wild: a wildcard subdomain origin, any header, every header exposed
        l.add(s("subdomain GET, ExposeHeader *", "wild", SUB_A, "GET").read("ETag"));
        l.add(s("deeper subdomain GET", "wild", SUB_DEEP, "GET"));
        l.add(s("same label under another domain", "wild", APP_ORG, "GET"));
        l.add(s("the bare domain", "wild", BARE, "GET"));
        l.add(s("subdomain PUT with custom header and JSON", "wild", SUB_A, "PUT").header("Content-Type", "application/json")
                .header("X-Custom", "1"));
        l.add(s("subdomain DELETE, method not in the rule", "wild", SUB_A, "DELETE"));
        l.add(s("subdomain on another port", "wild", SUB_A, "GET").onOtherPort());
        l.add(s("ExposeHeader * in credentials mode", "wild", SUB_A, "GET").withCredentials());
        // trap: the app's own GET-only rule comes first, a permissive * rule second
        l.add(s("first-origin-match: GET by rule 1, ETag not exposed", "trap", APP, "GET").read("ETag"));
        l.add(s("first-origin-match trap: PUT", "trap", APP, "PUT").header("Content-Type", TEXT));
        l.add(s("first-origin-match trap: DELETE", "trap", APP, "DELETE"));
        l.add(s("first-origin-match trap: custom header", "trap", APP, "GET").header("X-Custom", "1"));
        l.add(s("other origin PUT by rule 2", "trap", SUB_A, "PUT").header("Content-Type", TEXT));
        l.add(s("any origin GET by the * rule", "trap", EVIL, "GET").read("ETag"));
        l.add(s("* rule in credentials mode", "trap", EVIL, "GET").withCredentials());
        // star: any origin, signing headers allowed
        l.add(s("anonymous GET, Allow-Origin *", "star", APP, "GET").read("x-amz-request-id"));
        l.add(s("signed GET (Authorization)", "star", APP, "GET").signedBy(Via.SIGNED).read("ETag"));
        l.add(s("signed GET in credentials mode", "star", APP, "GET").signedBy(Via.SIGNED).withCredentials());
        l.add(s("presigned PUT upload", "star", APP, "PUT").header("Content-Type", TEXT).signedBy(Via.PRESIGNED));
        l.add(s("GET with a header the rule lacks", "star", APP, "GET").header("X-Custom", "1"));
        l.add(s("simple POST allowed by the rule", "star", APP, "POST").header("Content-Type", TEXT));
        // none: the bucket has no CORS configuration
        l.add(s("no configuration: simple GET", "none", APP, "GET"));
        l.add(s("no configuration: PUT", "none", APP, "PUT").header("Content-Type", TEXT));
        l.add(s("no configuration: presigned PUT", "none", APP, "PUT").header("Content-Type", TEXT).signedBy(Via.PRESIGNED));
        // upload: a PUT-only rule for presigned uploads, no AllowedHeader
        l.add(s("presigned PUT, text/plain body", "upload", APP, "PUT").header("Content-Type", TEXT).signedBy(Via.PRESIGNED));
        l.add(s("presigned PUT, JSON body", "upload", APP, "PUT").header("Content-Type", "application/json").signedBy(Via.PRESIGNED));
        l.add(s("presigned PUT from a denied origin", "upload", EVIL, "PUT").header("Content-Type", TEXT).signedBy(Via.PRESIGNED));
        // case: origins compare case-sensitively
        l.add(s("rule origin in capitals", "case", APP, "GET"));
        // https: the page is served over HTTPS and fetches https://BUCKET.s3.example.test:PORT, the path Linode users take
        l.add(s("https: simple GET, ETag exposed", "https-exact", APP, "GET").read("ETag"));
        l.add(s("https: PUT with Content-Type application/json", "https-exact", APP, "PUT").header("Content-Type", "application/json"));
        l.add(s("https: DELETE", "https-exact", APP, "DELETE"));
        l.add(s("https: GET from a denied origin", "https-exact", EVIL, "GET"));
        l.add(s("https: signed GET, Authorization not in AllowedHeader", "https-exact", APP, "GET").signedBy(Via.SIGNED));
        l.add(s("https: presigned PUT upload to the bucket's host", "https-exact", APP, "PUT").header("Content-Type", TEXT).signedBy(Via.PRESIGNED));
        l.add(s("https: GET in credentials mode", "https-exact", APP, "GET").withCredentials());
        l.add(s("https: the rule names the http:// origin, GET", "https-scheme", APP, "GET"));
        l.add(s("https: the rule names the http:// origin, PUT", "https-scheme", APP, "PUT").header("Content-Type", TEXT));
        l.add(s("https: https://*.example.test rule, subdomain GET", "https-wild", SUB_A, "GET").read("ETag"));
        l.add(s("https: https://*.example.test rule, signed PUT", "https-wild", SUB_A, "PUT").header("Content-Type", TEXT).signedBy(Via.SIGNED));
        return l;
    }

    Map<String, CorsConfiguration> configurations() {
        Map<String, CorsConfiguration> c = new LinkedHashMap<>();
        c.put("exact", config(new CorsRule("app", List.of("GET", "HEAD", "PUT", "DELETE"), List.of(origin(APP, false)),
                List.of("content-type", "x-amz-meta-*"), List.of("ETag"), 300)));
        c.put("wild", config(new CorsRule(null, List.of("GET", "PUT"), List.of("http://*.example.test:" + site.port()),
                List.of("*"), List.of("*"), null)));
        c.put("trap", config(new CorsRule("app-read", List.of("GET"), List.of(origin(APP, false)), List.of(), List.of(), 600),
                new CorsRule("anyone", List.of("GET", "PUT", "DELETE"), List.of("*"), List.of("*"), List.of(), 600)));
        c.put("star", config(new CorsRule(null, List.of("GET", "HEAD", "PUT", "POST"), List.of("*"),
                List.of("authorization", "x-amz-date", "x-amz-content-sha256", "content-type"), List.of("ETag", "x-amz-request-id"), null)));
        c.put("none", null);
        c.put("upload", config(new CorsRule(null, List.of("PUT"), List.of(origin(APP, false)), List.of(), List.of(), null)));
        c.put("case", config(new CorsRule(null, List.of("GET"), List.of(origin(APP, false).replace("app.", "APP.")), List.of(), List.of(), null)));
        c.put("https-exact", config(new CorsRule("app", List.of("GET", "HEAD", "PUT", "DELETE"), List.of(tlsOrigin(APP)),
                List.of("content-type"), List.of("ETag"), 300)));
        // the same host and port, but http: an https page does not match it
        c.put("https-scheme", config(new CorsRule(null, List.of("GET", "PUT"), List.of("http://" + APP + ":" + tlsSite.port()),
                List.of("*"), List.of(), null)));
        c.put("https-wild", config(new CorsRule(null, List.of("GET", "PUT"), List.of("https://*.example.test:" + tlsSite.port()),
                List.of("*"), List.of("*"), null)));
        return c;
    }

    static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    /** What the scenario table holds for one scenario. */
    record Row(int n, Scenario scenario, String origin, List<String> checks, String predicted, String browser, String aws) {
    }

    StaticSite site;
    StaticSite otherSite;
    /** The page over HTTPS, with a certificate this test makes (Chromium trusts it by its SPKI hash). */
    StaticSite tlsSite;
    S3Presigner vhostPresigner;
    Chromium browser;
    ShellHarness shell;
    S3Client s3;
    S3Presigner presigner;
    URI endpoint;
    final Map<String, String> buckets = new LinkedHashMap<>();
    final List<Row> table = Collections.synchronizedList(new ArrayList<>());
    String openOrigin;

    @BeforeAll
    void setUp() throws Exception {
        endpoint = URI.create(LocalRgw.endpoint());
        site = StaticSite.start();
        otherSite = StaticSite.start();
        Path tlsDir = Files.createTempDirectory("browser-tls");
        java.security.KeyStore pageKeys = BrowserTls.pageCertificate(tlsDir, List.of(APP, SUB_A, SUB_DEEP, BARE, EVIL, APP_ORG));
        tlsSite = StaticSite.startHttps(BrowserTls.serverContext(pageKeys));
        vhostPresigner = S3Presigner.builder().endpointOverride(URI.create(LocalRgw.httpsEndpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalRgw.accessKey(), LocalRgw.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(false).build()).build();
        // Chromium trusts exactly two certificates: the page's and the one RGW presents for *.s3.example.test
        String spkiList = BrowserTls.spkiHash(BrowserTls.certificate(pageKeys)) + ","
                + BrowserTls.spkiHash(BrowserTls.rgwCertificate(LocalRgw.caFile(), LocalRgw.dnsName(), LocalRgw.httpsPort()));
        s3 = ((S3ObjectStore) LocalRgw.store()).client();
        presigner = S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalRgw.accessKey(), LocalRgw.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        for (Map.Entry<String, CorsConfiguration> e : configurations().entrySet()) {
            String bucket = LocalRgw.newBucket("browser-" + e.getKey());
            buckets.put(e.getKey(), bucket);
            // anonymous pages may write and delete, so that a request the browser lets through does its job
            List<String[]> acl = RawHttp.signed(endpoint, "PUT", "/" + bucket, "acl=", List.<String[]>of(new String[]{"x-amz-acl", "public-read-write"}),
                    LocalRgw.accessKey(), LocalRgw.secretKey(), "us-east-1");
            RawHttp.Response put = RawHttp.send(endpoint, "PUT", "/" + bucket + "?acl", acl, new byte[0]);
            assertEquals(200, put.status(), "public-read-write ACL on " + bucket + ": " + put);
            if (e.getValue() != null) LocalRgw.store().putCors(bucket, e.getValue());
        }
        shell = ShellHarness.local();
        browser = Chromium.start(List.of("--ignore-certificate-errors-spki-list=" + spkiList));
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            writeTable();
        } finally {
            if (browser != null) browser.close();
            if (site != null) site.close();
            if (otherSite != null) otherSite.close();
            if (tlsSite != null) tlsSite.close();
            if (vhostPresigner != null) vhostPresigner.close();
            if (presigner != null) presigner.close();
            if (shell != null) shell.close();
            buckets.values().forEach(LocalRgw::deleteBucket);
        }
    }

    String origin(String host, boolean otherPort) {
        return "http://" + host + ":" + (otherPort ? otherSite.port() : site.port());
    }

    String tlsOrigin(String host) {
        return "https://" + host + ":" + tlsSite.port();
    }

    @Test
    void theSuiteCoversWhatTheIssueAsksFor() {
        List<Scenario> all = scenarios();
        assertTrue(all.size() >= 30, "at least 30 scenarios");
        assertTrue(all.stream().anyMatch(x -> x.credentials()), "credentials mode");
        assertTrue(all.stream().anyMatch(x -> x.via() == Via.PRESIGNED), "presigned PUT");
        assertTrue(all.stream().anyMatch(x -> x.method().equals("DELETE")), "DELETE");
        assertTrue(all.stream().anyMatch(x -> x.config().equals("none")), "no configuration");
        assertEquals(all.size(), all.stream().map(Scenario::name).distinct().count(), "scenario names are unique");
        assertTrue(all.stream().filter(Scenario::tls).count() >= 10, "at least 10 scenarios over HTTPS and virtual-hosted buckets");
        assertTrue(all.stream().anyMatch(x -> x.tls() && x.via() == Via.PRESIGNED), "a presigned upload over HTTPS");
    }

    @TestFactory
    Stream<DynamicTest> browserDoesWhatCorsCheckPredicts() {
        List<Scenario> all = scenarios();
        return java.util.stream.IntStream.range(0, all.size())
                .mapToObj(i -> DynamicTest.dynamicTest(String.format("%02d %s", i + 1, all.get(i).name()), () -> run(i + 1, all.get(i))));
    }

    /** The browser's outcome for one fetch. */
    record Observed(boolean ok, int status, String blockedAt, Boolean readable, String message) {
        String label() {
            return ok ? "allowed (" + status + ")" : "blocked at " + blockedAt;
        }
    }

    /** The prediction made with cors check and {@link BrowserCors}'s checks on its answers. */
    record Predicted(boolean allowed, String blockedAt, String reason, boolean actualSent, Boolean readable, List<String> checks) {
        String label() {
            return allowed ? "allowed" : "blocked at " + blockedAt;
        }
    }

    void run(int n, Scenario sc) throws Exception {
        String bucket = buckets.get(sc.config());
        String key = String.format(Locale.ROOT, "s%02d-%s", n, sc.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        // over HTTPS the bucket is its own host (virtual-hosted), as on Linode; else path style on the plain endpoint
        URI target = sc.tls() ? URI.create("https://" + LocalRgw.bucketHost(bucket) + ":" + LocalRgw.httpsPort()) : endpoint;
        String path = sc.tls() ? "/" + key : "/" + bucket + "/" + key;
        String origin = sc.tls() ? tlsOrigin(sc.host()) : origin(sc.host(), sc.otherPort());
        boolean existing = !sc.method().equals("PUT");
        if (existing) {
            s3.putObject(b -> b.bucket(bucket).key(key).acl(ObjectCannedACL.PUBLIC_READ).contentType("text/plain"),
                    RequestBody.fromString("object " + key));
        }
        String url = target + path;
        Map<String, String> headers = new LinkedHashMap<>(sc.headers());
        if (sc.via() == Via.SIGNED) {
            for (String[] h : RawHttp.signed(target, sc.method(), path, List.of(), LocalRgw.accessKey(), LocalRgw.secretKey(), "us-east-1")) {
                headers.put(h[0], h[1]);
            }
        } else if (sc.via() == Via.PRESIGNED) {
            url = (sc.tls() ? vhostPresigner : presigner).presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(10)).putObjectRequest(r -> r.bucket(bucket).key(key)))
                    .url().toString();
        }
        BrowserCors.Fetch fetch = new BrowserCors.Fetch(sc.method(), headers, sc.credentials());

        Predicted predicted = predict(bucket, origin, fetch, sc.readHeader());
        CorsConfiguration live = LocalRgw.store().getCors(bucket).orElse(null);
        BrowserCors.Verdict direct = BrowserCors.verdict(live, Dialect.RGW, origin, fetch);
        assertEquals(predicted.label(), direct.allowed() ? "allowed" : "blocked at " + direct.blockedAt(),
                "cors check and the evaluator agree");
        BrowserCors.Verdict aws = BrowserCors.verdict(live, Dialect.AWS, origin, fetch);

        Observed seen = fetchInBrowser(origin, url, fetch, sc.hasBody() ? "body of " + key : null, sc.readHeader());
        String readable = sc.readHeader() == null ? "" : ", " + sc.readHeader() + " readable: ";
        table.add(new Row(n, sc, origin, predicted.checks(), predicted.label() + (readable.isEmpty() ? "" : readable + yesNo(predicted.readable())),
                seen.label() + (readable.isEmpty() || !seen.ok() ? "" : readable + yesNo(seen.readable())),
                aws.allowed() ? "allowed" : "blocked at " + aws.blockedAt()));

        String context = sc.name() + " from " + origin + ": predicted " + predicted.label() + " (" + predicted.reason() + "), browser "
                + seen.label() + (seen.message() == null ? "" : " (" + seen.message() + ")");
        assertEquals(predicted.allowed(), seen.ok(), context);
        if (seen.ok()) {
            if (sc.method().equals("POST")) {
                // RGW answers a POST that is not a form upload with 400, and CORS lets the page read that error
                assertEquals(400, seen.status(), context);
            } else {
                assertTrue(seen.status() >= 200 && seen.status() < 300, "the allowed request did its job: " + context);
            }
            if (sc.readHeader() != null) assertEquals(predicted.readable(), seen.readable(), "can the page read " + sc.readHeader() + ": " + context);
        } else {
            assertEquals(predicted.blockedAt(), seen.blockedAt(), context);
        }
        if (sc.method().equals("PUT")) assertEquals(predicted.actualSent(), exists(bucket, key), "the object was uploaded: " + context);
        if (sc.method().equals("DELETE")) assertEquals(predicted.actualSent(), !exists(bucket, key), "the object was deleted: " + context);
    }

    static String yesNo(Boolean b) {
        return b == null ? "-" : b ? "yes" : "no";
    }

    /** Runs cors check for the preflight (when the request is not simple) and the actual request. */
    Predicted predict(String bucket, String origin, BrowserCors.Fetch fetch, String readHeader) throws Exception {
        BrowserCors.Plan plan = BrowserCors.plan(origin, fetch);
        List<String> checks = new ArrayList<>();
        if (plan.preflight() != null) {
            List<String> args = new ArrayList<>(List.of("cors", "check", "s3://" + bucket, "--origin", origin, "--method", fetch.method()));
            for (String h : BrowserCors.unsafeHeaderNames(fetch.headers())) {
                args.add("--header");
                args.add(h);
            }
            JsonNode pre = check(args, checks);
            String problem = BrowserCors.preflightProblem(origin, fetch, pre.get("status").asInt(), headers(pre));
            if (problem != null) return new Predicted(false, "preflight", problem, false, null, checks);
        }
        List<String> args = new ArrayList<>(List.of("cors", "check", "s3://" + bucket, "--origin", origin, "--method", fetch.method(), "--actual"));
        if (fetch.authorized()) args.add("--authorized");
        JsonNode actual = check(args, checks);
        Map<String, String> headers = headers(actual);
        String problem = BrowserCors.responseProblem(origin, fetch, headers);
        Boolean readable = readHeader == null ? null : BrowserCors.readable(fetch, headers, readHeader);
        return new Predicted(problem == null, problem == null ? null : "response", problem == null ? "the page gets the response" : problem,
                true, readable, checks);
    }

    JsonNode check(List<String> args, List<String> checks) throws Exception {
        List<String> full = new ArrayList<>(args);
        full.addAll(List.of("--dialect", "rgw", "--output", "json"));
        ShellHarness.Result r = shell.run(full);
        assertEquals(0, r.status(), r.toString());
        JsonNode doc = JSON.readTree(r.out());
        checks.add(String.join(" ", args.subList(2, args.size())) + " → " + (doc.get("allowed").asBoolean() ? "allowed" : "denied"));
        return doc;
    }

    static Map<String, String> headers(JsonNode doc) {
        Map<String, String> out = new LinkedHashMap<>();
        doc.get("headers").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    Observed fetchInBrowser(String origin, String url, BrowserCors.Fetch fetch, String body, String readHeader) throws Exception {
        if (!origin.equals(openOrigin)) {
            browser.open(origin + "/page.html");
            openOrigin = origin;
            browser.consoleMessages();
        }
        JsonNode r = browser.executeAsync(FETCH, url, fetch.method(), fetch.headers(), body, fetch.credentials(), readHeader);
        assertNotNull(r, "the page answered");
        if (r.path("ok").asBoolean()) {
            return new Observed(true, r.path("status").asInt(), null, r.path("readable").isNull() ? null : r.path("readable").asBoolean(), null);
        }
        String target = "Access to fetch at '" + url.split("\\?")[0];
        for (int attempt = 0; attempt < 50; attempt++) {
            for (String m : browser.consoleMessages()) {
                if (m.contains(target) && m.contains("blocked by CORS policy")) {
                    String why = m.substring(m.indexOf("blocked by CORS policy: ") + 24);
                    return new Observed(false, 0, why.startsWith("Response to preflight request") ? "preflight" : "response", null, why);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the fetch failed (" + r.path("error").asText() + ") but Chromium reported no CORS error for " + url);
    }

    boolean exists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw e;
        }
    }

    /** The table names the pages' ports, which change per run: P (http), P2 (another http port), PS (https). */
    String ports(String text) {
        return text.replace(":" + site.port(), ":P").replace(":" + otherSite.port(), ":P2").replace(":" + tlsSite.port(), ":PS");
    }

    void writeTable() throws Exception {
        if (table.isEmpty()) return;
        List<Row> rows = new ArrayList<>(table);
        rows.sort(java.util.Comparator.comparingInt(Row::n));
        StringBuilder md = new StringBuilder("| # | configuration | scenario | origin | cors check calls (rgw) | predicted | browser | AWS would |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String checks = String.join("; ", r.checks());
            for (Map.Entry<String, String> b : buckets.entrySet()) checks = checks.replace("s3://" + b.getValue(), "s3://" + b.getKey());
            md.append("| ").append(r.n()).append(" | ").append(r.scenario().config()).append(" | ").append(r.scenario().name())
                    .append(" | ").append(ports(r.origin()))
                    .append(" | ").append(ports(checks))
                    .append(" | ").append(r.predicted()).append(" | ").append(r.browser()).append(" | ").append(r.aws()).append(" |\n");
        }
        Path out = LocalRgw.projectDir().resolve("target/browser-cors-scenarios.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
    }
}
