package dev.s3sh.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.s3sh.config.ConfigFixture.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrecedenceTest {
    @TempDir
    Path home;

    private static final String OWN = ".config/s3sh/config";

    /** Every layer names a region; each test takes the top one away in turn. */
    private ConfigFixture stack() throws Exception {
        return new ConfigFixture(home)
                .file(".s3cfg", "[default]\nbucket_location = r-s3cfg\nhost_base = s3cfg.example.com\n"
                        + "access_key = S3CFGACCESSKEY000001\nsecret_key = s3cfg-secret-000000000000001\n")
                .file(".aws/config", "[profile p]\nregion = r-aws\nendpoint_url = https://aws.example.com\n")
                .file(OWN, "[profile p]\nregion = r-own\ns3cfg = ~/.s3cfg\n");
    }

    @Test
    void flagsBeatEnvBeatS3shBeatAwsBeatS3cfg() throws Exception {
        ConfigFixture f = stack().env("AWS_REGION", "r-env");
        ConnectionOptions flags = new ConnectionOptions(null, "r-flag", null, "p", null);
        assertEquals("r-flag", f.resolve(flags).profile().region());
        assertEquals("--region", f.resolve(flags).sources().get("region"));
        assertEquals("r-env", f.resolve(profile("p")).profile().region());
        assertEquals("AWS_REGION", f.resolve(profile("p")).sources().get("region"));
        f.env.remove("AWS_REGION");
        assertEquals("r-own", f.resolve(profile("p")).profile().region());
        assertEquals("~/.config/s3sh/config line 2", f.resolve(profile("p")).sources().get("region"));
        f.file(OWN, "[profile p]\ns3cfg = ~/.s3cfg\n");
        ResolvedProfile awsWins = f.resolve(profile("p"));
        assertEquals("r-aws", awsWins.profile().region());
        assertEquals(URI.create("https://aws.example.com"), awsWins.profile().endpoint(), "aws profile beats s3cfg's host_base");
        assertEquals("S3CFGACCESSKEY000001", awsWins.profile().accessKey(), "keys only the s3cfg has still come from it");
        f.file(".aws/config", "[profile other]\n");
        assertEquals("r-s3cfg", f.resolve(profile("p")).profile().region());
    }

    @Test
    void defaultSelectionAwsProfileThenS3cfg() throws Exception {
        ConfigFixture f = new ConfigFixture(home).linodeS3cfg().awsFiles();
        assertEquals("default", f.resolve().name(), "the AWS default profile comes before the s3cmd file");
        assertEquals("eu-west-1", f.resolve().profile().region(), "and values are not mixed with the s3cmd file's");
        f.file(OWN, "[settings]\ndefault_profile = s3cfg\n");
        assertEquals("s3cfg", f.resolve().name());
        f.env("AWS_PROFILE", "minio");
        assertEquals("minio", f.resolve().name(), "AWS_PROFILE beats s3sh's default_profile");
        assertEquals("s3cfg", new ConfigFixture(home.resolve("sub")).resource("linode.s3cfg", ".s3cfg").resolve().name());
        ResolvedProfile nothing = new ConfigFixture(home.resolve("empty")).resolve();
        assertEquals("aws", nothing.name());
        assertFalse(nothing.profile().hasCredentials());
    }

    @Test
    void linodeClusterFromTheCommandLineOrAProfile() throws Exception {
        ConfigFixture f = new ConfigFixture(home).awsFiles()
                .file(OWN, "[profile atl]\ncluster = us-southeast-1\naws_profile = linode\n\n[profile fra]\ncluster = eu-central-1\nregion = us-east-1\ndialect = aws\n");
        ConnectionOptions cluster = new ConnectionOptions(null, null, null, null, null, "us-iad-1", null, null, false);
        Profile iad = f.env("AWS_ACCESS_KEY_ID", "ENVACCESSKEY00000001").env("AWS_SECRET_ACCESS_KEY", "env-secret-0000000000001")
                .resolve(new ConnectionOptions(null, null, null, "default", null, "us-iad-1", null, null, false)).profile();
        assertEquals(URI.create("https://us-iad-1.linodeobjects.com"), iad.endpoint());
        assertEquals("us-iad-1", iad.region());
        assertFalse(iad.pathStyle());
        assertEquals("rgw", iad.dialect());
        ResolvedProfile byCluster = f.resolve(cluster);
        assertEquals("us-iad-1", byCluster.name(), "--cluster alone names the session after the cluster");
        assertEquals("ENVACCESSKEY00000001", byCluster.profile().accessKey());
        f.env.remove("AWS_ACCESS_KEY_ID");
        f.env.remove("AWS_SECRET_ACCESS_KEY");
        ResolvedProfile atl = f.resolve(profile("atl"));
        assertEquals(URI.create("https://us-southeast-1.linodeobjects.com"), atl.profile().endpoint());
        assertEquals("us-southeast-1", atl.profile().region(), "the s3sh profile's cluster beats the aws profile's region");
        assertEquals("FIXTURELINODEKEY0002", atl.profile().accessKey(), "keys from the named aws profile");
        assertEquals("cluster us-southeast-1 (~/.config/s3sh/config line 2)", atl.sources().get("endpoint"));
        Profile fra = f.resolve(profile("fra")).profile();
        assertEquals("us-east-1", fra.region(), "an explicit region beats the cluster id");
        assertEquals("aws", fra.dialect());
        assertThrows(ConfigException.class, () -> f.resolve(
                new ConnectionOptions("https://x.example.com", null, null, null, null, "us-iad-1", null, null, false)));
        ConfigException bad = assertThrows(ConfigException.class, () -> f.resolve(cluster.withCluster("atlanta")));
        assertTrue(bad.getMessage().contains("'atlanta' is not a Linode cluster id"), bad.getMessage());
    }

    @Test
    void anyClusterIdShapedLikeLinodesIsUsedAndAnUnknownOneIsNamed() throws Exception {
        ConfigFixture f = new ConfigFixture(home).env("AWS_ACCESS_KEY_ID", "ENVACCESSKEY00000001")
                .env("AWS_SECRET_ACCESS_KEY", "env-secret-0000000000001");
        ConnectionOptions none = ConnectionOptions.NONE;
        for (String known : new String[]{"us-east-1", "se-sto-1", "jp-tyo-3", "gb-lon-1"}) {
            ResolvedProfile r = f.resolve(none.withCluster(known));
            assertEquals(URI.create("https://" + known + ".linodeobjects.com"), r.profile().endpoint());
            assertEquals(java.util.List.of(), r.warnings(), known + " is on the known list");
        }
        // a region opened after this release: used as given, with one warning that names the flag
        ResolvedProfile newer = f.resolve(none.withCluster("no-osl-1"));
        assertEquals(URI.create("https://no-osl-1.linodeobjects.com"), newer.profile().endpoint());
        assertEquals("no-osl-1", newer.profile().region());
        assertFalse(newer.profile().pathStyle());
        assertEquals(1, newer.warnings().size(), newer.warnings().toString());
        String warning = newer.warnings().get(0);
        assertTrue(warning.startsWith("cluster 'no-osl-1' (--cluster) is not on s3sh's list of Linode clusters"), warning);
        assertTrue(warning.contains("https://no-osl-1.linodeobjects.com") && warning.contains("check the id"), warning);
        // the same from a profile file, naming the line
        f.file(OWN, "[profile new]\ncluster = US-MAD-12\n");
        ResolvedProfile fromFile = f.resolve(profile("new"));
        assertEquals(URI.create("https://us-mad-12.linodeobjects.com"), fromFile.profile().endpoint());
        assertTrue(fromFile.warnings().get(0).contains("(~/.config/s3sh/config line 2)"), fromFile.warnings().toString());
        // the full host name works too; a shape that is not Linode's is still refused
        assertEquals("se-sto-1", LinodeClusters.check("se-sto-1.linodeobjects.com"));
        assertThrows(ConfigException.class, () -> f.resolve(none.withCluster("mars-1")));
        assertThrows(ConfigException.class, () -> f.resolve(none.withCluster("us-east")));
    }

    @Test
    void aTestMayPointEveryClusterAtItsOwnServer() throws Exception {
        String before = System.getProperty(LinodeClusters.TEST_ENDPOINT_PROPERTY);
        System.setProperty(LinodeClusters.TEST_ENDPOINT_PROPERTY, "https://s3.example.test:7443");
        try {
            Profile p = new ConfigFixture(home).resolve(ConnectionOptions.NONE.withCluster("us-east-1")).profile();
            assertEquals(URI.create("https://s3.example.test:7443"), p.endpoint());
            assertEquals("us-east-1", p.region());
            assertFalse(p.pathStyle(), "a cluster is addressed by virtual host");
            assertEquals("rgw", p.dialect());
        } finally {
            if (before == null) System.clearProperty(LinodeClusters.TEST_ENDPOINT_PROPERTY);
            else System.setProperty(LinodeClusters.TEST_ENDPOINT_PROPERTY, before);
        }
    }

    @Test
    void s3shSettingsGiveTheDefaultDialectAndReferencesMustExist() throws Exception {
        ConfigFixture f = new ConfigFixture(home).file(OWN, "[settings]\ndialect = aws\n\n[profile x]\nendpoint = http://127.0.0.1:7480\n");
        ResolvedProfile x = f.resolve(profile("x"));
        assertEquals("aws", x.profile().dialect());
        assertEquals("~/.config/s3sh/config line 2", x.sources().get("dialect"));
        assertTrue(x.profile().pathStyle(), "an IP endpoint means path style");
        f.file(OWN, "[profile x]\naws_profile = missing\n");
        assertTrue(assertThrows(ConfigException.class, () -> f.resolve(profile("x"))).getMessage()
                .startsWith("~/.config/s3sh/config line 2: profile 'x' takes its keys from AWS profile 'missing'"));
        f.file(OWN, "[profile x]\ndialect = s3\n");
        assertEquals("~/.config/s3sh/config line 2: dialect must be rgw (RGW before the 2026 change), rgw-2026 (after it) or aws, not 's3'",
                assertThrows(ConfigException.class, () -> f.resolve(profile("x"))).getMessage());
    }

    @Test
    void profileAddWritesAnOwnerOnlyFileAndReplacesTheSection() throws Exception {
        ConfigFixture f = new ConfigFixture(home).file(OWN, "[settings]\ncolor = never\n\n[profile old]\nendpoint = https://old.example.com\n");
        ProfileCatalog catalog = new ProfileCatalog(f.resolver(), ConnectionOptions.NONE);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cluster", "us-ord-1");
        values.put("access_key", "ADDEDACCESSKEY000001");
        values.put("secret_key", "added-secret-00000000000000001");
        Path file = catalog.add("new", values);
        assertEquals(home.resolve(OWN), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Profile p = catalog.load("new").profile();
        assertEquals(URI.create("https://us-ord-1.linodeobjects.com"), p.endpoint());
        assertEquals("added-secret-00000000000000001", p.secretKey());
        values.put("cluster", "us-sea-1");
        catalog.add("new", values);
        String text = Files.readString(file);
        assertEquals(1, text.split("\\[profile new]", -1).length - 1, text);
        assertTrue(text.contains("[profile old]") && text.contains("color = never"), text);
        assertEquals(URI.create("https://us-sea-1.linodeobjects.com"), catalog.load("new").profile().endpoint());
        assertThrows(ConfigException.class, () -> catalog.add("bad name", values));
    }

    @Test
    void theEnvironmentIsOnlyTheMapGiven() {
        // whatever this JVM's environment holds, an empty map resolves to nothing configured
        Profile p = new ProfileResolver(Map.of()).resolve(ConnectionOptions.NONE);
        assertFalse(p.hasCredentials());
        assertEquals("us-east-1", p.region());
    }
}
