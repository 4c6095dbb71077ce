package dev.s3sh.cors;

import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends each document of the hostile corpus, byte for byte, to the real RGW (a SigV4-signed
 * {@code PUT ?cors}) and compares RGW's verdict with ours in the RGW dialect. Documents RGW refuses
 * must be refused by s3sh; documents marked "same" must get the same verdict both ways; those marked
 * "stricter" are ones s3sh refuses on purpose (DOCTYPE, depth, size, out-of-range numbers) and RGW
 * takes. After every accepted document, RGW's read-back must equal our {@link CorsNormalizer#rgwStoredForm}.
 * Billion laughs, parameter entities and non-documents are not sent to the shared server.
 */
class CorsHostileRgwIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static String bucket;

    @BeforeAll
    static void bucket() {
        bucket = LocalRgw.newBucket("cors-hostile");
    }

    @AfterAll
    static void cleanUp() {
        if (bucket != null) LocalRgw.deleteBucket(bucket);
    }

    record Verdict(boolean accepted, int status, String code) {
        @Override
        public String toString() {
            return accepted ? "accepted" : "refused " + status + " " + code;
        }
    }

    /** PUT ?cors with exactly these bytes, signed with SigV4 by the SDK's signer. */
    static Verdict putCors(byte[] body) throws Exception {
        URI uri = URI.create(LocalRgw.endpoint() + "/" + bucket + "?cors");
        byte[] md5 = MessageDigest.getInstance("MD5").digest(body);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(uri)
                .putHeader("Content-MD5", Base64.getEncoder().encodeToString(md5))
                .putHeader("Content-Type", "application/xml")
                .putHeader("x-amz-content-sha256", HexFormat.of().formatHex(sha))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(LocalRgw.accessKey(), LocalRgw.secretKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        Set<String> restricted = Set.of("host", "content-length", "connection", "expect");
        signed.request().forEachHeader((name, values) -> {
            if (!restricted.contains(name.toLowerCase())) values.forEach(v -> http.header(name, v));
        });
        try {
            HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
            Matcher code = Pattern.compile("<Code>([^<]*)</Code>").matcher(response.body());
            return new Verdict(response.statusCode() / 100 == 2, response.statusCode(), code.find() ? code.group(1) : "");
        } catch (IOException e) {
            // RGW may stop reading a body far over its limit and close the connection
            return new Verdict(false, 0, "connection closed: " + e.getClass().getSimpleName());
        }
    }

    @Test
    void ourRgwVerdictMatchesRgwOnTheHostileCorpus() throws Exception {
        Map<String, byte[]> docs = new LinkedHashMap<>();
        Map<String, String> relation = new LinkedHashMap<>();
        for (CorsHostileCorpusTest.Entry e : CorsHostileCorpusTest.corpus()) {
            if (!e.relation().equals("same") && !e.relation().equals("stricter")) continue;
            docs.put(e.file(), CorsParserTest.resource("hostile/" + e.file()));
            relation.put(e.file(), e.relation());
        }
        docs.put("generated-10MB.xml", CorsHostileCorpusTest.tenMegabytes());
        relation.put("generated-10MB.xml", "same");
        String pad = "<!--" + "x".repeat(70_000) + "-->";
        docs.put("generated-70KB.xml", ("<CORSConfiguration>" + pad + "<CORSRule><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>").getBytes(StandardCharsets.UTF_8));
        relation.put("generated-70KB.xml", "stricter");

        int agree = 0, refusedByRgw = 0, storedFormsChecked = 0;
        List<String> disagreements = new ArrayList<>();
        List<String> table = new ArrayList<>();
        for (Map.Entry<String, byte[]> d : docs.entrySet()) {
            String name = d.getKey();
            CorsDocument doc = CorsParser.read(d.getValue(), name);
            List<CorsProblem> problems = CorsValidator.validate(doc, Dialect.RGW);
            boolean weAccept = CorsValidator.isValid(problems);
            Verdict rgw = putCors(d.getValue());
            table.add(String.format("%-36s RGW %-28s s3sh %s", name, rgw, weAccept ? "accepts" : "refuses"));
            if (!rgw.accepted()) refusedByRgw++;
            if (rgw.accepted() == weAccept) agree++;
            String rel = relation.get(name);
            boolean expected = rel.equals("same") ? rgw.accepted() == weAccept : rgw.accepted() && !weAccept;
            if (!expected || (!rgw.accepted() && weAccept)) {
                disagreements.add(name + " (" + rel + "): RGW " + rgw + ", s3sh " + (weAccept ? "accepts" : "refuses: " + problems));
            }
            if (rgw.accepted() && weAccept) {
                Optional<CorsConfiguration> stored = LocalRgw.store().getCors(bucket);
                assertEquals(Optional.of(CorsNormalizer.rgwStoredForm(doc.configuration())), stored, name + ": RGW's stored form");
                storedFormsChecked++;
            }
        }
        table.forEach(System.out::println);
        System.out.printf("CORS hostile corpus vs RGW: %d/%d verdicts agree; RGW refused %d, s3sh refused all of those; "
                + "%d stored forms matched%n", agree, docs.size(), refusedByRgw, storedFormsChecked);
        assertEquals(List.of(), disagreements);
        assertTrue(refusedByRgw >= 25, "the corpus exercises RGW's refusals: " + refusedByRgw);
    }

    @Test
    void rgwStoresWhatTheNormalizerPredicts() throws Exception {
        CorsConfiguration sent = new CorsConfiguration(List.of(
                new CorsRule("first", List.of("post", "HEAD", "GET", "PUT", "DELETE", "GET"),
                        List.of("https://b.example", "https://a.example", "https://b.example", "http://*.example"),
                        List.of("x-b", "X-a", "x-b", "Authorization", "content-*"), List.of("x-b", "ETag", "x-b"), 30),
                new CorsRule("", List.of("GET"), List.of("*"), List.of(), List.of("*"), -1)));
        assertTrue(putCors(CorsXml.write(sent).getBytes(StandardCharsets.UTF_8)).accepted());
        CorsConfiguration stored = LocalRgw.store().getCors(bucket).orElseThrow();
        assertEquals(CorsNormalizer.rgwStoredForm(sent), stored);
        assertTrue(CorsNormalizer.sameRules(CorsNormalizer.rgwStoredForm(sent), stored));

        // and the same through the JSON writer and parser: what we write is what RGW reads
        CorsConfiguration fromJson = CorsParser.parse(CorsJson.write(sent), "sent.json");
        assertEquals(sent, fromJson);
    }
}
