package dev.s3sh.store;

import dev.s3sh.config.ClientOptions;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/** The HTTP client for one profile: timeouts, and its TLS trust (CA bundle, or none with --insecure) and proxy. */
final class HttpClients {
    private HttpClients() {
    }

    static SdkHttpClient.Builder<?> builder(ClientOptions options, Timeouts timeouts) {
        UrlConnectionHttpClient.Builder b = UrlConnectionHttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.socket());
        if (options.caBundle() != null) {
            TrustManager[] managers = trustManagers(options);
            b.tlsTrustManagersProvider(() -> managers);
        }
        if (options.proxy() != null) {
            b.proxyConfiguration(ProxyConfiguration.builder().endpoint(options.proxy()).build());
        }
        return options.insecure() ? new TrustAll(b) : b;
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

    /** --insecure: no certificate or host name check. */
    private static final class TrustAll implements SdkHttpClient.Builder<TrustAll> {
        private final UrlConnectionHttpClient.Builder delegate;

        TrustAll(UrlConnectionHttpClient.Builder delegate) {
            this.delegate = delegate;
        }

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return delegate.buildWithDefaults(AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE)
                    .build()
                    .merge(serviceDefaults));
        }
    }
}
