package dev.s3sh.shell.commands;

import dev.s3sh.store.Transfers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How transfer commands report each file moved, in text and in JSON. */
final class TransferJson {
    private TransferJson() {
    }

    static Map<String, Object> of(String source, String destination, Transfers.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("destination", destination);
        m.put("bytes", r.bytes());
        m.put("parts", r.parts());
        m.put("etag", r.etag());
        m.put("verified", r.verified());
        return m;
    }

    static String summary(Transfers.Result r) {
        return "(" + r.bytes() + " bytes" + (r.parts() > 1 ? ", " + r.parts() + " parts" : "") + "; verified: " + r.verified() + ")";
    }

    static Map<String, Object> document(List<Map<String, Object>> transfers, long bytes, List<String> skipped) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("transfers", transfers);
        doc.put("count", transfers.size());
        doc.put("bytes", bytes);
        if (!skipped.isEmpty()) doc.put("skipped", skipped);
        return doc;
    }
}
