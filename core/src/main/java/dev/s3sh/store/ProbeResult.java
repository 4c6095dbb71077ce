package dev.s3sh.store;

import java.util.Map;

/**
 * What the server answered to a probe: the status, the {@code access-control-*} and {@code vary}
 * headers (lowercased names, values as sent) and the exchange as text, signatures redacted.
 */
public record ProbeResult(int status, Map<String, String> corsHeaders, String exchange) {
}
