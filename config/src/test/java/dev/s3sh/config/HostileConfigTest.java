package dev.s3sh.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.s3sh.config.ConfigFixture.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration an unlucky user or a careless file can produce: each ends in one sentence, secrets kept unknown to output. */
class HostileConfigTest {
    @TempDir
    Path home;

    private static final String OWN = ".config/s3sh/config";
    private static final String SECRET = "userinfo-SECRET-0000000001";

    @Test
    void anEndpointWithAPasswordIsRefusedWithoutRepeatingIt() throws Exception {
        ConfigFixture env = new ConfigFixture(home).env("AWS_ACCESS_KEY_ID", "AK").env("AWS_SECRET_ACCESS_KEY", "sk")
                .env("AWS_ENDPOINT_URL", "http://user:" + SECRET + "@127.0.0.1:7480");
        ConfigException e = assertThrows(ConfigException.class, env::resolve);
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("user name or password"), e.getMessage());

        ConnectionOptions flag = new ConnectionOptions("https://" + SECRET + "@s3.example.com", null, null, null, null);
        e = assertThrows(ConfigException.class, () -> new ConfigFixture(home).resolve(flag));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());

        ConfigFixture file = new ConfigFixture(home).file(OWN, "[profile x]\nendpoint = user:" + SECRET + "@s3.example.com\n"
                + "access_key = AK\nsecret_key = sk\n");
        e = assertThrows(ConfigException.class, () -> file.resolve(profile("x")));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());

        e = assertThrows(ConfigException.class, () -> ProfileResolver.parseEndpoint("http://u:" + SECRET + "@h:1/path"));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        // an '@' after the host is part of a path, not a password
        assertEquals("h", ProfileResolver.parseEndpoint("http://h:1/a@b").getHost());
    }

    @Test
    void aBrokenS3cfgThatIsNotUsedDoesNotStopTheSession() throws Exception {
        Files.createDirectories(home.resolve(".s3cfg"));
        ConfigFixture f = new ConfigFixture(home).env("AWS_ACCESS_KEY_ID", "AK").env("AWS_SECRET_ACCESS_KEY", "sk");
        ConnectionOptions endpoint = new ConnectionOptions("http://127.0.0.1:7480", null, null, null, null);
        ResolvedProfile p = f.resolve(endpoint);
        assertEquals("AK", p.profile().accessKey());
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains(".s3cfg") && w.contains("not used")), p.warnings().toString());
        // when it may be the source in use, its problem is the answer
        ConfigFixture alone = new ConfigFixture(home);
        ConfigException e = assertThrows(ConfigException.class, alone::resolve);
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
        assertThrows(ConfigException.class, () -> f.resolve(profile("s3cfg")));
    }

    @Test
    void unreadableAwsAndS3shFilesThatAreNotUsedDoNotStopTheSession() throws Exception {
        for (String broken : java.util.List.of(".aws/credentials", ".aws/config", OWN)) {
            Path h = Files.createTempDirectory(home, "h");
            Files.createDirectories(h.resolve(broken));
            ConfigFixture f = new ConfigFixture(h).env("AWS_ACCESS_KEY_ID", "AK").env("AWS_SECRET_ACCESS_KEY", "sk");
            ResolvedProfile p = f.resolve(new ConnectionOptions("http://127.0.0.1:7480", null, null, null, null));
            assertEquals("AK", p.profile().accessKey(), broken);
            assertTrue(p.warnings().stream().anyMatch(w -> w.contains("directory") && w.contains("not used")), broken + ": " + p.warnings());
            // without an endpoint the file may hold it: its problem is the answer
            assertThrows(ConfigException.class, f::resolve, broken);
            assertThrows(ConfigException.class, () -> f.resolve(profile("x")), broken);
        }
    }

    @Test
    void theSecretKeyAloneInTheEnvironmentIsAnErrorAsTheAccessKeyAloneIs() throws Exception {
        ConfigFixture f = new ConfigFixture(home).env("AWS_SECRET_ACCESS_KEY", "lonely-secret-000000001");
        ConfigException e = assertThrows(ConfigException.class, f::resolve);
        assertTrue(e.getMessage().contains("AWS_SECRET_ACCESS_KEY") && e.getMessage().contains("access key"), e.getMessage());
        assertFalse(e.getMessage().contains("lonely-secret"), e.getMessage());
    }

    @Test
    void theCatalogKnowsEverySecretOfEverySourceAndEveryOneGivenToIt() throws Exception {
        ConfigFixture f = new ConfigFixture(home)
                .file(".aws/credentials", "[default]\naws_access_key_id = AK1\naws_secret_access_key = default-secret-0001\n\n"
                        + "[other]\naws_access_key_id = AK2\naws_secret_access_key = other-secret-0002\naws_session_token = other-token-0002\n")
                .file(".s3cfg", "[default]\naccess_key = AK3\nsecret_key = s3cfg-secret-0003\n");
        ProfileCatalog catalog = new ProfileCatalog(f.resolver(), ConnectionOptions.NONE);
        catalog.remember(f.resolve());
        var known = catalog.knownSecrets();
        assertTrue(known.containsAll(java.util.List.of("default-secret-0001", "other-secret-0002", "other-token-0002",
                "s3cfg-secret-0003")), "profiles not in use count too");

        Map<String, String> values = new LinkedHashMap<>();
        values.put("endpoint", "https://s3.example.com");
        values.put("access_key", "AK4");
        values.put("secret_key", "typed-secret-0004");
        catalog.add("typed", values);
        assertTrue(catalog.knownSecrets().contains("typed-secret-0004"), "a secret typed at the hidden prompt");
    }
}
