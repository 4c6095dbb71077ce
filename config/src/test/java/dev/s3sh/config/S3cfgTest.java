package dev.s3sh.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3cfgTest {
    @TempDir
    Path home;

    @Test
    void aKeyFileOthersCanReadIsWarnedAboutWithoutQuotingTheKey() throws Exception {
        ConfigFixture f = new ConfigFixture(home).linodeS3cfg();
        java.nio.file.Files.setPosixFilePermissions(home.resolve(".s3cfg"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        ResolvedProfile r = f.resolve();
        assertEquals(java.util.List.of("~/.s3cfg holds the secret key and other users of this machine can read it: "
                + "run 'chmod 600 ~/.s3cfg'"), r.warnings());
    }

    @Test
    void linodeSetupFromTheTutorialBecomesAVirtualHostRgwProfile() throws Exception {
        ConfigFixture f = new ConfigFixture(home).linodeS3cfg();
        ResolvedProfile r = f.resolve();
        Profile p = r.profile();
        assertEquals("s3cfg", p.name());
        assertEquals(URI.create("https://us-southeast-1.linodeobjects.com"), p.endpoint());
        assertFalse(p.pathStyle(), "%(bucket)s template means virtual-host addressing");
        assertEquals("us-east-1", p.region(), "bucket_location US is us-east-1");
        assertEquals("FIXTUREACCESSKEY0001", p.accessKey());
        assertEquals("fixture-secret-linode-0000000000000000wxyz", p.secretKey());
        assertNull(p.sessionToken(), "an empty access_token is no token");
        assertEquals("rgw", p.effectiveDialect());
        assertFalse(p.client().insecure());
        assertNull(p.client().proxy(), "proxy_host is empty");
        assertEquals(Boolean.FALSE, p.client().signUrlHttps());
        assertEquals("~/.s3cfg line " + f.lineOf(".s3cfg", "secret_key"), r.sources().get("secret key"));
        assertEquals("~/.s3cfg line " + f.lineOf(".s3cfg", "host_bucket")
                + " (%(bucket)s template: virtual-host)", r.sources().get("path style"));
        assertTrue(r.sources().get("region").startsWith("~/.s3cfg line " + f.lineOf(".s3cfg", "bucket_location")));
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void pathStyleHttpAndDollarValuesFromTheEnvironment() throws Exception {
        ConfigFixture f = new ConfigFixture(home).file(".s3cfg", """
                [default]
                access_key = $MY_ACCESS
                secret_key = ${MY_SECRET}
                host_base = 127.0.0.1:7480
                host_bucket = 127.0.0.1:7480
                use_https = no
                bucket_location = EU
                """).env("MY_ACCESS", "FROMENVACCESSKEY0001").env("MY_SECRET", "from-env-secret-000000000000001");
        Profile p = f.resolve().profile();
        assertEquals(URI.create("http://127.0.0.1:7480"), p.endpoint());
        assertTrue(p.pathStyle(), "no %(bucket)s template means path style");
        assertEquals("FROMENVACCESSKEY0001", p.accessKey());
        assertEquals("from-env-secret-000000000000001", p.secretKey());
        assertEquals("eu-west-1", p.region());
    }

    @Test
    void booleansInEverySpellingS3cmdAccepts() throws Exception {
        for (String[] c : new String[][]{{"True", "false"}, {"yes", "false"}, {"ON", "false"}, {"1", "false"},
                {"False", "true"}, {"no", "true"}, {"off", "true"}, {"0", "true"}}) {
            ConfigFixture f = new ConfigFixture(home).file(".s3cfg", "[default]\nhost_base = s3.example.com\n"
                    + "check_ssl_certificate = " + c[0] + "\n");
            assertEquals(Boolean.parseBoolean(c[1]), f.resolve().profile().client().insecure(), c[0]);
        }
    }

    @Test
    void aBadBooleanNamesFileAndLine() throws Exception {
        ConfigFixture f = new ConfigFixture(home).file(".s3cfg", "[default]\nhost_base = s3.example.com\nuse_https = maybe\n");
        ConfigException e = assertThrows(ConfigException.class, f::resolve);
        assertTrue(e.getMessage().startsWith("~/.s3cfg line 3: use_https must be True or False"), e.getMessage());
    }

    @Test
    void signatureV2IsSaidToBeIgnoredAndInsecureIsWarnedAbout() throws Exception {
        ConfigFixture f = new ConfigFixture(home).file(".s3cfg", """
                [default]
                host_base = s3.example.com
                signature_v2 = True
                check_ssl_certificate = False
                proxy_host = proxy.example.com
                proxy_port = 8080
                """);
        ResolvedProfile r = f.resolve();
        assertEquals(2, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("~/.s3cfg line 3") && r.warnings().get(0).contains("version 4 only"),
                r.warnings().get(0));
        assertTrue(r.warnings().get(1).contains("TLS certificate verification is OFF"), r.warnings().get(1));
        assertTrue(r.profile().client().insecure());
        assertEquals(URI.create("http://proxy.example.com:8080"), r.profile().client().proxy());
    }

    @Test
    void theCaBundleMustBeReadable() throws Exception {
        ConfigFixture f = new ConfigFixture(home).file(".s3cfg", "[default]\nhost_base = s3.example.com\nca_certs_file = ~/missing.pem\n");
        ConfigException e = assertThrows(ConfigException.class, f::resolve);
        assertTrue(e.getMessage().contains("~/.s3cfg line 3") && e.getMessage().contains("cannot be read"), e.getMessage());
        f.file("missing.pem", "not really a PEM, but readable");
        assertEquals(home.resolve("missing.pem"), f.resolve().profile().client().caBundle());
    }

    @Test
    void explicitFileWithDashCAndS3cmdConfig() throws Exception {
        ConfigFixture f = new ConfigFixture(home).linodeS3cfg()
                .file("other.cfg", "[default]\nhost_base = other.example.com\naccess_key = OTHERACCESSKEY000001\nsecret_key = other-secret-0000000000000001\n");
        ConnectionOptions dashC = new ConnectionOptions(null, null, null, null, null, null, home.resolve("other.cfg").toString(), null, false);
        assertEquals("https://other.example.com", f.resolve(dashC).profile().endpoint().toString());
        f.env("S3CMD_CONFIG", "~/other.cfg");
        assertEquals("OTHERACCESSKEY000001", f.resolve().profile().accessKey());
        f.env("S3CMD_CONFIG", "~/nope.cfg");
        ConfigException e = assertThrows(ConfigException.class, f::resolve);
        assertTrue(e.getMessage().contains("~/nope.cfg (from S3CMD_CONFIG) does not exist"), e.getMessage());
    }

    @Test
    void aFileWithoutDefaultSectionOrWithAStrayLineIsRefusedByLine() throws Exception {
        ConfigFixture f = new ConfigFixture(home).file(".s3cfg", "[other]\nhost_base = x\n");
        assertTrue(assertThrows(ConfigException.class, f::resolve).getMessage().contains("no [default] section"));
        f.file(".s3cfg", "[default]\nhost_base = x\nfixture-secret-pasted-alone-000000001\n");
        ConfigException e = assertThrows(ConfigException.class, f::resolve);
        assertEquals("~/.s3cfg line 3 is neither a [section] header nor a 'key = value' setting: fix or remove that line",
                e.getMessage());
    }
}
