package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.lifecycle.Lifecycle;
import dev.s3sh.lifecycle.LifecycleTemplates;
import dev.s3sh.lifecycle.LifecycleXml;
import dev.s3sh.policy.PolicyTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one history store of policies and lifecycle configurations: the files the earlier per-kind stores wrote still read. */
class DocumentHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    @Test
    void policiesRoundTripNewestFirst() throws Exception {
        DocumentHistory<JsonNode> h = new DocumentHistory<>(BucketPolicy.KIND, state, "http://localhost:7480/", "b");
        JsonNode policy = PolicyTemplates.policy("public-read", "b", null);
        h.save(null, "first");
        h.save(policy, "second");
        List<DocumentHistory.Entry<JsonNode>> entries = h.list().entries();
        assertEquals(2, entries.size());
        assertEquals(policy, entries.get(0).document());
        assertEquals("1 statement: Allow s3:GetObject for *", entries.get(0).summary());
        assertNull(entries.get(1).document());
        assertEquals("no policy", entries.get(1).summary());
        assertTrue(h.dir().startsWith(state.resolve("policy-history").resolve("127.0.0.1_7480")), h.dir().toString());
    }

    /** Written as s3sh 0.1's PolicyHistory and LifecycleHistory wrote them (fields time, summary, change, and the document). */
    @Test
    void entriesWrittenByTheEarlierStoresStillRead() throws Exception {
        Path policies = state.resolve("policy-history/127.0.0.1_7480/b");
        Files.createDirectories(policies);
        Files.writeString(policies.resolve("1765000000000.json"), """
                {"time": "2025-12-06T05:46:40Z", "summary": "1 statement", "change": "1 line added, 0 removed",
                 "policy": {"Version": "2012-10-17", "Statement": []}}""");
        Files.writeString(policies.resolve("1765000000000-1.json"), """
                {"time": "2025-12-06T05:46:40Z", "summary": "no policy", "change": "x", "policy": null}""");
        var p = new DocumentHistory<>(BucketPolicy.KIND, state, "http://127.0.0.1:7480", "b").list();
        assertEquals(List.of(), p.skipped());
        assertNull(p.entries().get(0).document());                 // -1 is the later of the two
        assertEquals(JSON.readTree("{\"Version\": \"2012-10-17\", \"Statement\": []}"), p.entries().get(1).document());

        Lifecycle lc = LifecycleTemplates.lifecycle("expire", 30, "logs/");
        Path lifecycles = state.resolve("lifecycle-history/127.0.0.1_7480/b");
        Files.createDirectories(lifecycles);
        Files.writeString(lifecycles.resolve("1765000000000.json"), JSON.createObjectNode().put("time", "2025-12-06T05:46:40Z")
                .put("summary", "1 rule").put("change", "c").put("lifecycle", LifecycleXml.write(lc)).toString());
        Files.writeString(lifecycles.resolve("1765000000001.json"), """
                {"time": "2025-12-06T05:46:40Z", "summary": "1 rule", "change": "c", "lifecycle": "<not xml"}""");
        var l = new DocumentHistory<>(BucketLifecycle.KIND, state, "http://127.0.0.1:7480", "b").list();
        assertEquals(1, l.entries().size());
        assertTrue(LifecycleXml.same(lc, l.entries().get(0).document()));
        assertEquals(1, l.skipped().size());
        assertTrue(l.skipped().get(0).reason().contains("not a readable entry"), l.skipped().toString());
    }
}
