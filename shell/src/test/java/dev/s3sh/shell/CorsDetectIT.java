package dev.s3sh.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDecision;
import dev.s3sh.cors.CorsEvaluator;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsTemplates;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.cors.Dialect;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cors detect}: the real local RGW (16.2, before Ceph PR #69190) is found to be origin-first; a canned
 * server on loopback that answers preflights the new way (full-match, as the evaluator's rgw-2026 dialect
 * predicts from Ceph's change) is found to be full-match. Both without any write, and the answer then drives
 * {@code cors check}.
 */
class CorsDetectIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String tutorial, single;
    private static ShellHarness sh;

    @BeforeAll
    static void setUp() {
        tutorial = LocalRgw.newBucket("detect");
        LocalRgw.store().putCors(tutorial, CorsTemplates.tutorialExample());
        single = LocalRgw.newBucket("detect-one");
        LocalRgw.store().putCors(single, new CorsConfiguration(List.of(
                new CorsRule(null, List.of("GET"), List.of("*"), List.of(), List.of(), null))));
        sh = ShellHarness.local();
    }

    @AfterAll
    static void tearDown() {
        sh.close();
        LocalRgw.deleteBucket(tutorial);
        LocalRgw.deleteBucket(single);
    }

    @Test
    void theLocalRgwIsOriginFirstAndTheAnswerIsUsedByCheck() throws Exception {
        ShellHarness.Result r = sh.run("cors", "detect", "s3://" + tutorial, "--output", "json");
        assertEquals(0, r.status(), r.toString());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals("origin-first", doc.get("behaviour").asText(), r.toString());
        assertEquals("rgw", doc.get("dialect").asText());
        assertEquals(403, doc.get("status").asInt(), "origin-first denies the probe: " + r);

        ShellHarness.Result text = sh.run("cors", "detect", "s3://" + tutorial);
        assertTrue(text.out().startsWith("origin-first (dialect rgw): the server answered the "), text.out());
        assertTrue(sh.run("info", "s3://" + tutorial).out().contains("(CORS rule choice of this endpoint: origin-first, found by 'cors detect' on "),
                "info shows the remembered answer");
    }

    @Test
    void rulesOnWhichTheBehavioursAgreeAreSaidNotToMatter() throws Exception {
        ShellHarness.Result r = sh.run("cors", "detect", "s3://" + single, "--output", "json");
        assertEquals(0, r.status(), r.toString());
        assertEquals("does-not-matter", JSON.readTree(r.out()).get("behaviour").asText(), r.toString());
    }

    @Test
    void aServerThatAnswersTheNewWayIsFullMatchAndCheckThenPredictsLikeIt() throws Exception {
        CorsConfiguration rules = CorsTemplates.tutorialExample();
        AtomicInteger writes = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String method = exchange.getRequestMethod();
            byte[] body = new byte[0];
            int status;
            if (method.equals("GET") && "cors".equals(exchange.getRequestURI().getQuery())) {
                body = CorsXml.write(rules).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                status = 200;
            } else if (method.equals("OPTIONS")) {
                String acrh = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
                List<String> headers = acrh == null ? List.of() : Arrays.stream(acrh.split(",")).map(String::strip).toList();
                CorsDecision d = CorsEvaluator.evaluate(rules, Dialect.RGW_2026, CorsRequest.preflight(
                        exchange.getRequestHeaders().getFirst("Origin"),
                        exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"), headers));
                d.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                status = d.status();
            } else {
                if (!method.equals("GET") && !method.equals("HEAD")) writes.incrementAndGet();
                status = 405;
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Profile fake = new Profile("canned", URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "us-east-1",
                    "CANNEDACCESSKEY00001", "canned-secret-not-real-0000000000000000", null, true, null);
            try (ShellHarness canned = new ShellHarness(fake, S3ObjectStore::new).stateDir(sh.stateDir().resolveSibling("canned-state"))) {
                ShellHarness.Result r = canned.run("cors", "detect", "s3://site", "--output", "json");
                assertEquals(0, r.status(), r.toString());
                JsonNode doc = JSON.readTree(r.out());
                assertEquals("full-match", doc.get("behaviour").asText(), r.toString());
                assertEquals("rgw-2026", doc.get("dialect").asText(), r.toString());
                assertEquals(0, writes.get(), "detection never writes");

                // the PUT preflight that origin-first denies: after detection, check predicts what this server does
                List<String> check = new ArrayList<>(List.of("cors", "check", "s3://site", "--origin", "http://example.com",
                        "--method", "PUT", "--output", "json"));
                JsonNode verdict = JSON.readTree(canned.run(check).out());
                assertTrue(verdict.get("allowed").asBoolean(), verdict.toString());
                check.addAll(List.of("--dialect", "rgw"));
                assertTrue(!JSON.readTree(canned.run(check).out()).get("allowed").asBoolean(), "--dialect still overrides");
            }
        } finally {
            server.stop(0);
        }
    }
}
