package dev.s3sh.store;

import com.sun.net.httpserver.HttpServer;
import dev.s3sh.config.ClientOptions;
import dev.s3sh.config.Profile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The profile's proxy carries every request, the CORS probe's as well as the SDK's. The endpoint's
 * host does not exist (.invalid), so only the proxy (a loopback server that answers everything
 * itself) can answer; it records the absolute URLs it was asked for.
 */
class ProxyConfigurationTest {
    static HttpServer proxy;
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        proxy.createContext("/", exchange -> {
            SEEN.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " Origin: "
                    + exchange.getRequestHeaders().getFirst("Origin"));
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListAllMyBucketsResult><Owner><ID>o</ID></Owner>"
                    + "<Buckets><Bucket><Name>proxied</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket>"
                    + "</Buckets></ListAllMyBucketsResult>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "https://app.example.test");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        proxy.start();
    }

    @AfterAll
    static void stop() {
        proxy.stop(0);
    }

    @Test
    void theProbeGoesThroughTheProfilesProxyToTheVirtualHostedUrl() {
        URI proxyUri = URI.create("http://127.0.0.1:" + proxy.getAddress().getPort());
        Profile p = new Profile("proxied", URI.create("http://s3.proxied.invalid:8080"), "us-east-1", "PROXYTESTACCESSKEY01",
                "proxy-test-secret-not-real", null, false, "rgw", new ClientOptions(null, false, proxyUri, null));
        try (S3ObjectStore store = new S3ObjectStore(p)) {
            assertEquals("proxied", store.listBuckets().get(0).name());
            ProbeResult r = store.probe(new ProbeRequest("web", "app.js", true, "GET", "https://app.example.test",
                    List.of(), false));
            assertEquals(200, r.status(), r.exchange());
            assertEquals("https://app.example.test", r.corsHeaders().get("access-control-allow-origin"));
        }
        assertTrue(SEEN.contains("OPTIONS http://web.s3.proxied.invalid:8080/app.js Origin: https://app.example.test"), SEEN.toString());
        assertTrue(SEEN.stream().anyMatch(s -> s.startsWith("GET http://s3.proxied.invalid:8080/")), SEEN.toString());
    }
}
