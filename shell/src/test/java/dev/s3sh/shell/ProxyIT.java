package dev.s3sh.shell;

import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * s3cmd's {@code proxy_host}/{@code proxy_port} through a real HTTP proxy (tinyproxy) to the real
 * RGW: plain http as proxied requests, https end to end through CONNECT with the certificate checked.
 * The proxy's log proves every request went through it.
 */
class ProxyIT {
    private static Process proxy;
    private static int port;
    private static Path log;
    private static String bucket;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path tinyproxy = Path.of("/usr/bin/tinyproxy");
        if (!Files.isExecutable(tinyproxy)) fail("tinyproxy is not installed: run scripts/install-test-deps (apt-get install tinyproxy)");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        log = dir.resolve("tinyproxy.log");
        Path conf = dir.resolve("tinyproxy.conf");
        Files.writeString(conf, "Port " + port + "\nListen 127.0.0.1\nTimeout 30\nLogFile \"" + log + "\"\nLogLevel Connect\n"
                + "MaxClients 20\nAllow 127.0.0.1\nConnectPort " + LocalRgw.httpsPort() + "\n");
        proxy = new ProcessBuilder(tinyproxy.toString(), "-d", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
        for (int i = 0; ; i++) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (IOException e) {
                if (i > 100 || !proxy.isAlive()) fail("tinyproxy did not start: " + Files.readString(dir.resolve("tinyproxy.out")));
                Thread.sleep(50);
            }
        }
        bucket = LocalRgw.newBucket("proxy");
        LocalRgw.store().putObject(bucket, "through-the-proxy.txt", "x".getBytes(), "text/plain");
    }

    @AfterAll
    static void stop() {
        if (bucket != null) LocalRgw.deleteBucket(bucket);
        if (proxy != null) proxy.destroy();
    }

    private static ProfilesIT.Run ls(Path home, String hostPort, boolean https) throws Exception {
        Files.writeString(home.resolve(".s3cfg"), "[default]\naccess_key = " + LocalRgw.accessKey() + "\nsecret_key = "
                + LocalRgw.secretKey() + "\nhost_base = " + hostPort + "\nhost_bucket = " + hostPort + "\nuse_https = "
                + (https ? "True\nca_certs_file = " + LocalRgw.caFile() : "False") + "\nsignature_v2 = False\n"
                + "proxy_host = 127.0.0.1\nproxy_port = " + port + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        return ProfilesIT.s3sh(env, "", "ls", "s3://" + bucket + "/");
    }

    @Test
    void plainHttpGoesThroughTheProxy(@TempDir Path home) throws Exception {
        URI rgw = URI.create(LocalRgw.endpoint());
        ProfilesIT.Run r = ls(home, rgw.getHost() + ":" + rgw.getPort(), false);
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("through-the-proxy.txt"), r.toString());
        String seen = Files.readString(log);
        assertTrue(seen.contains("GET http://" + rgw.getHost() + ":" + rgw.getPort() + "/" + bucket), "the proxy's log:\n" + seen);
    }

    @Test
    void httpsGoesThroughATunnelWithTheCertificateChecked(@TempDir Path home) throws Exception {
        ProfilesIT.Run r = ls(home, "127.0.0.1:" + LocalRgw.httpsPort(), true);
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("through-the-proxy.txt"), r.toString());
        String seen = Files.readString(log);
        assertTrue(seen.contains("CONNECT 127.0.0.1:" + LocalRgw.httpsPort()), "the proxy's log:\n" + seen);
    }
}
