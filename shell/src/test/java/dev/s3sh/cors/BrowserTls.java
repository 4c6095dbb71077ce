package dev.s3sh.cors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS for the browser suite's HTTPS scenarios. The page's certificate is made per run with the JDK's keytool
 * (self-signed, the page hosts as names); Chromium is told to trust it and the certificate RGW presents through
 * {@code --ignore-certificate-errors-spki-list}, which takes base64 SHA-256 hashes of SubjectPublicKeyInfo.
 * That trusts those two keys only, for this browser profile only, without touching a system or NSS store.
 */
final class BrowserTls {
    private static final String ALIAS = "page";
    /** A throwaway keystore password made per run: it protects nothing but this run's test key. */
    private static final char[] PASSWORD = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();

    private BrowserTls() {
    }

    /** A fresh key and self-signed certificate for {@code hosts} (subject alternative names), in a keystore. */
    static KeyStore pageCertificate(Path dir, List<String> hosts) throws Exception {
        Path file = dir.resolve("page.p12");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + hosts.get(0), "-ext", "SAN=" + String.join(",", hosts.stream().map(h -> "dns:" + h).toList()),
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass:env", "S3SH_TEST_STOREPASS"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("S3SH_TEST_STOREPASS", new String(PASSWORD));
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool failed: " + said);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    static X509Certificate certificate(KeyStore store) throws Exception {
        return (X509Certificate) store.getCertificate(ALIAS);
    }

    /** A server-side TLS context presenting the page's certificate. */
    static SSLContext serverContext(KeyStore store) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    /**
     * The certificate RGW presents for {@code dnsName} on loopback, read from a real handshake (trusting only the
     * per-run CA in {@code caFile}), so the browser is told to trust what the server really sends.
     */
    static X509Certificate rgwCertificate(Path caFile, String dnsName, int port) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) trust.setCertificateEntry("ca" + n++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(java.net.InetAddress.getLoopbackAddress(), port)) {
            var params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(dnsName)));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** Chromium's form of a certificate's key: base64 of the SHA-256 of its DER SubjectPublicKeyInfo. */
    static String spkiHash(X509Certificate certificate) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
    }
}
