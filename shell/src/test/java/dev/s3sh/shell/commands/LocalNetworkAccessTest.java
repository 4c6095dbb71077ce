package dev.s3sh.shell.commands;

import dev.s3sh.config.Profile;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Local Network Access line of cors check and cors probe, for endpoints given as addresses. */
class LocalNetworkAccessTest {
    private static Profile at(String endpoint, boolean pathStyle) {
        return new Profile("t", endpoint == null ? null : URI.create(endpoint), "us-east-1", null, null, null, pathStyle, "rgw");
    }

    @Test
    void loopbackAndPrivateEndpointsAreNamedPublicOnesAreNot() {
        assertEquals("the endpoint 127.0.0.1 is a loopback address: since Chrome 142 (Local Network Access) a page served from "
                + "a public site must get the user's permission before it can call it, and CORS alone does not grant that",
                LocalNetworkAccess.warning(at("http://127.0.0.1:7480", true), "b"));
        assertEquals("the endpoint 10.1.2.3 is a private (local network) address: since Chrome 142 (Local Network Access) a page "
                + "served from a public site must get the user's permission before it can call it, and CORS alone does not grant that",
                LocalNetworkAccess.warning(at("https://10.1.2.3", true), "b"));
        assertEquals("the endpoint ::1 is a loopback address: since Chrome 142 (Local Network Access) a page served from "
                + "a public site must get the user's permission before it can call it, and CORS alone does not grant that",
                LocalNetworkAccess.warning(at("http://[::1]:7480", true), "b"));
        assertNull(LocalNetworkAccess.warning(at("https://203.0.114.7", true), "b"));
        assertNull(LocalNetworkAccess.warning(at(null, false), "b"), "AWS itself");
    }

    @Test
    void aVirtualHostedNameIsResolvedAsTheBrowserWouldCallIt() {
        // BUCKET.localhost is loopback by the browser's own rule; the resolved form names the host and its address
        assertEquals("the endpoint media.localhost is a loopback address: since Chrome 142 (Local Network Access) a page served "
                + "from a public site must get the user's permission before it can call it, and CORS alone does not grant that",
                LocalNetworkAccess.warning(at("http://localhost:7480", false), "Media"));
        // a name that does not resolve: nothing is known, nothing is said
        assertNull(LocalNetworkAccess.warning(at("https://no-such-host.invalid", false), "b"));
    }
}
