package dev.s3sh.store;

import dev.s3sh.config.ClientOptions;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * The one HTTP configuration of a profile: its TLS trust (a CA bundle, the JVM's CAs, or none with
 * --insecure), its proxy and its timeouts. Every request s3sh sends goes through a client built
 * here: {@link SocketHttpClient} (the SDK's S3 operations, and DirectRequests' gets, puts and
 * listings), and the CORS probe's, which must send {@code Origin} and {@code Access-Control-Request-*}, headers
 * that HttpURLConnection silently drops. All are built from the same trust managers, proxy and
 * timeouts, so a setting honoured by one is honoured by the others.
 */
final class HttpClients {
    private final ClientOptions options;
    private final Timeouts timeouts;
    /** null: the JVM's default trust (its cacerts). */
    private final TrustManager[] trust;

    private final boolean tls;

    private HttpClients(ClientOptions options, Timeouts timeouts, boolean tls) {
        this.options = options;
        this.timeouts = timeouts;
        this.tls = tls;
        // a plain http:// endpoint gets a trust manager that refuses every certificate: building the
        // SDK's client would otherwise load the JVM's whole CA store (~80 ms of a one-shot command)
        // for a TLS connection that is never made
        this.trust = options.insecure() ? new TrustManager[]{TrustEverything.INSTANCE}
                : !tls ? new TrustManager[]{TrustNothing.INSTANCE}
                : options.caBundle() != null ? trustManagers(options) : null;
    }

    /**
     * Reads the CA bundle once, when {@code tls} says the endpoint speaks TLS; a bundle that is not
     * usable PEM is a {@link StoreException} saying so.
     */
    static HttpClients of(ClientOptions options, Timeouts timeouts, boolean tls) {
        return new HttpClients(options, timeouts, tls);
    }


    /**
     * The same trust, proxy and timeouts for another endpoint of the profile (its STS): a plain http
     * S3 endpoint trusts no certificate, so an https one gets the trust it needs.
     */
    HttpClients forEndpoint(URI endpoint) {
        boolean endpointTls = !"http".equalsIgnoreCase(endpoint.getScheme());
        return endpointTls == tls ? this : new HttpClients(options, timeouts, endpointTls);
    }

    /** The SDK's HTTP client (see {@link SocketHttpClient} for why it is our own). */
    SdkHttpClient.Builder<?> sdk() {
        return new SocketClientBuilder(this);
    }

    private record SocketClientBuilder(HttpClients http) implements SdkHttpClient.Builder<SocketClientBuilder> {
        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return new SocketHttpClient(http);
        }
    }

    Timeouts timeouts() {
        return timeouts;
    }

    /** The proxy every request goes through, or null: then the JVM's proxy settings, if any. */
    URI proxy() {
        return options.proxy();
    }

    /**
     * A java.net.http client for the requests the SDK cannot send (CORS probes): HTTP/1.1 as browsers
     * speak to S3, no redirects followed, the same trust, proxy and connect timeout as {@link #sdk()}.
     * Each request sets {@link #requestTimeout()}.
     */
    HttpClient probe() {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (trust != null) {
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, trust, new SecureRandom());
                b.sslContext(tls);
            } catch (java.security.GeneralSecurityException e) {
                throw new StoreException("TLS", 0, "cannot set up TLS for the CORS probe: " + e.getMessage(), e);
            }
        }
        // as the SDK: the given proxy, else the JVM's proxy settings (-Dhttps.proxyHost ...)
        b.proxy(options.proxy() != null
                ? ProxySelector.of(InetSocketAddress.createUnresolved(options.proxy().getHost(), proxyPort(options)))
                : ProxySelector.getDefault());
        return b.build();
    }

    private SSLContext tlsContext;

    synchronized SSLContext tlsContext() throws java.io.IOException {
        if (tlsContext == null) {
            try {
                tlsContext = SSLContext.getInstance("TLS");
                tlsContext.init(null, trust, new SecureRandom());
            } catch (java.security.GeneralSecurityException e) {
                throw new java.io.IOException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return tlsContext;
    }

    /** How long one probe request may take: the SDK's per-attempt limit. */
    java.time.Duration requestTimeout() {
        return timeouts.attempt();
    }

    private static int proxyPort(ClientOptions options) {
        int port = options.proxy().getPort();
        if (port > 0) return port;
        return "https".equalsIgnoreCase(options.proxy().getScheme()) ? 443 : 80;
    }

    /** The certificates of a PEM bundle as the only ones trusted, as AWS_CA_BUNDLE and s3cmd's ca_certs_file do. */
    private static TrustManager[] trustManagers(ClientOptions options) {
        try (InputStream in = Files.newInputStream(options.caBundle())) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) throw new IllegalArgumentException("it holds no certificate");
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) store.setCertificateEntry("ca-" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf.getTrustManagers();
        } catch (Exception e) {
            throw new StoreException("CaBundle", 0, "cannot use the CA bundle " + options.caBundle() + " ("
                    + e.getMessage() + "): give a PEM file of CA certificates", e);
        }
    }

    /** For an endpoint that speaks plain HTTP: no certificate is expected, so none is trusted. */
    private static final class TrustNothing extends X509ExtendedTrustManager {
        static final TrustNothing INSTANCE = new TrustNothing();

        private static CertificateException refused() {
            return new CertificateException("the endpoint is plain http: no certificate is trusted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw refused();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw refused();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /**
     * --insecure in java.net.http: accepts any certificate. An extended trust manager is where the
     * JDK checks the host name too, so this one skips that check as well, as the SDK's switch does.
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        static final TrustEverything INSTANCE = new TrustEverything();

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
