package dev.s3sh.shell.commands;

import dev.s3sh.config.Profile;
import dev.s3sh.cors.BrowserCors;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Local Network Access (Chrome 142+) for the endpoint a browser would call for a bucket: the host a page fetches
 * ({@code BUCKET.HOST} when virtual-hosted), resolved when it is a name, judged by {@link BrowserCors}. One line
 * for {@code cors check} and {@code cors probe}, or null when the address is public or cannot be found.
 */
final class LocalNetworkAccess {
    private LocalNetworkAccess() {
    }

    static String warning(Profile profile, String bucket) {
        URI endpoint = profile.endpoint();
        if (endpoint == null || endpoint.getHost() == null) return null; // AWS itself: public addresses
        String host = endpoint.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        String browserHost = !profile.pathStyle() && bucket != null && !bucket.isEmpty()
                ? bucket.toLowerCase(Locale.ROOT) + "." + host : host;
        if (BrowserCors.addressSpace(browserHost) != BrowserCors.AddressSpace.UNKNOWN) {
            return BrowserCors.localNetworkWarning(browserHost);
        }
        // a name: where it points decides (the command has just reached the server, so the lookup is cached)
        for (String name : browserHost.equals(host) ? new String[]{host} : new String[]{browserHost, host}) {
            try {
                return BrowserCors.localNetworkWarning(name, InetAddress.getByName(name).getHostAddress());
            } catch (UnknownHostException | SecurityException e) {
                // try the endpoint's own name, else say nothing: an unknown address is not known to be local
            }
        }
        return null;
    }
}
