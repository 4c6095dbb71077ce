package dev.s3sh.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static dev.s3sh.config.ConfigFixture.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsProfilesTest {
    @TempDir
    Path home;

    @Test
    void defaultProfileTakesRegionFromConfigAndKeysFromCredentials() throws Exception {
        ConfigFixture f = new ConfigFixture(home).awsFiles();
        ResolvedProfile r = f.resolve();
        assertEquals("default", r.name());
        assertNull(r.profile().endpoint(), "no endpoint_url: AWS itself");
        assertEquals("eu-west-1", r.profile().region());
        assertEquals("FIXTUREDEFAULTKEY001", r.profile().accessKey());
        assertEquals("~/.aws/config line " + f.lineOf(".aws/config", "region = eu-west-1"), r.sources().get("region"));
        assertEquals("~/.aws/credentials line 3", r.sources().get("secret key"));
        assertEquals("aws", r.profile().effectiveDialect());
    }

    @Test
    void namedProfilesWithEndpointUrlServicesSectionAndAddressingStyle() throws Exception {
        ConfigFixture f = new ConfigFixture(home).awsFiles();
        Profile linode = f.resolve(profile("linode")).profile();
        assertEquals(URI.create("https://us-southeast-1.linodeobjects.com"), linode.endpoint());
        assertEquals("us-southeast-1", linode.region());
        assertEquals("FIXTURELINODEKEY0002", linode.accessKey());
        assertFalse(linode.pathStyle());
        assertEquals("rgw", linode.effectiveDialect());

        ResolvedProfile minio = f.resolve(profile("minio"));
        assertEquals(URI.create("http://127.0.0.1:9000"), minio.profile().endpoint());
        assertEquals("~/.aws/config line " + f.lineOf(".aws/config", "  endpoint_url"), minio.sources().get("endpoint"));
        assertTrue(minio.profile().pathStyle());
        assertEquals("~/.aws/config line " + f.lineOf(".aws/config", "    addressing_style"), minio.sources().get("path style"));
        assertEquals("FIXTUREMINIOKEY00004", minio.profile().accessKey(), "key=value without spaces");

        Profile temp = f.resolve(profile("temp")).profile();
        assertEquals("FIXTURECONFIGKEY0003", temp.accessKey(), "keys may live in the config file too");
        assertEquals("fixture-session-token-000000000000000003", temp.sessionToken());
    }

    @Test
    void awsProfileAndFileLocationsFromTheEnvironment() throws Exception {
        ConfigFixture f = new ConfigFixture(home).resource("aws-config", "elsewhere/cfg")
                .resource("aws-credentials", "elsewhere/creds")
                .env("AWS_CONFIG_FILE", home.resolve("elsewhere/cfg").toString())
                .env("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds")
                .env("AWS_PROFILE", "linode");
        ResolvedProfile r = f.resolve();
        assertEquals("linode", r.name());
        assertEquals("FIXTURELINODEKEY0002", r.profile().accessKey());
        assertEquals("~/elsewhere/creds line " + f.lineOf("elsewhere/creds", "aws_access_key_id = FIXTURELINODE"),
                r.sources().get("access key"));
    }

    @Test
    void environmentOverridesProfileValuesAndKeysComeAsOneUnit() throws Exception {
        ConfigFixture f = new ConfigFixture(home).awsFiles()
                .env("AWS_ACCESS_KEY_ID", "ENVACCESSKEY00000001")
                .env("AWS_SECRET_ACCESS_KEY", "env-secret-00000000000000000001")
                .env("AWS_DEFAULT_REGION", "ap-south-1")
                .env("AWS_ENDPOINT_URL", "https://generic.example.com")
                .env("AWS_ENDPOINT_URL_S3", "https://s3.example.com");
        ResolvedProfile r = f.resolve(ConnectionOptions.NONE);
        assertEquals("ENVACCESSKEY00000001", r.profile().accessKey());
        assertEquals("AWS_SECRET_ACCESS_KEY", r.sources().get("secret key"));
        assertEquals("ap-south-1", r.profile().region());
        assertEquals(URI.create("https://s3.example.com"), r.profile().endpoint(), "AWS_ENDPOINT_URL_S3 beats AWS_ENDPOINT_URL");
        // temp has a session token; the env keys replace key, secret and token together
        ResolvedProfile t = new ConfigFixture(home).env("AWS_PROFILE", "temp")
                .env("AWS_ACCESS_KEY_ID", "ENVACCESSKEY00000001").env("AWS_SECRET_ACCESS_KEY", "env-secret-00000000000000000001")
                .resolve();
        assertNull(t.profile().sessionToken(), "a file's session token must not ride along with env keys");
        // --profile on the command line keeps the profile's own keys (as in the AWS CLI)
        Profile named = f.resolve(profile("linode")).profile();
        assertEquals("FIXTURELINODEKEY0002", named.accessKey());
        assertEquals(URI.create("https://s3.example.com"), named.endpoint(), "other env values still apply");
    }

    @Test
    void profilesThatObtainTheirKeysAreHandedOnWithTheirFiles() throws Exception {
        ConfigFixture f = new ConfigFixture(home).awsFiles();
        ResolvedProfile r = f.resolve(profile("assumed"));
        assertTrue(r.profile().hasCredentials());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        DelegatedCredentials d = r.profile().delegated();
        assertEquals("assumed", d.awsProfile());
        assertEquals("role_arn", d.mechanism());
        assertEquals(home.resolve(".aws/config"), d.configFile());
        assertEquals(home.resolve(".aws/credentials"), d.credentialsFile());
        assertTrue(r.sources().get("access key").contains("role_arn of AWS profile 'assumed' (~/.aws/config line "),
                r.sources().get("access key"));
        assertNull(r.profile().accessKey());

        f.file(".aws/config", "[profile ci]\nendpoint_url = http://127.0.0.1:7480\ncredential_process = /bin/keys --json\n"
                + "[profile sso]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n"
                + "[profile web]\nrole_arn = arn:aws:iam::1:role/x\nweb_identity_token_file = /tmp/t\n");
        assertEquals("credential_process", f.resolve(profile("ci")).profile().delegated().mechanism());
        assertEquals("sso_session", f.resolve(profile("sso")).profile().delegated().mechanism());
        assertEquals("role_arn", f.resolve(profile("web")).profile().delegated().mechanism(), "the SDK's order: role_arn first");
        // --profile keeps the profile's own way to keys over the environment's keys, as stored keys do
        Profile ci = f.env("AWS_ACCESS_KEY_ID", "ENVACCESSKEY00000001").env("AWS_SECRET_ACCESS_KEY", "env-secret-00000000000000000001")
                .resolve(profile("ci")).profile();
        assertNull(ci.accessKey());
        assertEquals("credential_process", ci.delegated().mechanism());
        assertFalse(ci.toString().contains("/bin/keys"), "the command is not shown");
    }

    @Test
    void brokenFilesAndMissingNamesAreReportedWithFileAndLine() throws Exception {
        ConfigFixture f = new ConfigFixture(home).awsFiles();
        ConfigException unknown = assertThrows(ConfigException.class, () -> f.resolve(profile("nope")));
        assertTrue(unknown.getMessage().contains("no profile 'nope'") && unknown.getMessage().contains("default, linode, minio"),
                unknown.getMessage());

        f.file(".aws/config", "[profile x]\nregion = us-east-1\n[profile y\n");
        assertEquals("~/.aws/config line 3 has a section header without its closing ']': fix or remove that line",
                assertThrows(ConfigException.class, f::resolve).getMessage());

        f.file(".aws/config", "region = us-east-1\n");
        assertTrue(assertThrows(ConfigException.class, f::resolve).getMessage()
                .startsWith("~/.aws/config line 1 has a setting before any [section] header"));

        f.file(".aws/config", "[default]\nservices = gone\n");
        assertTrue(assertThrows(ConfigException.class, f::resolve).getMessage()
                .startsWith("~/.aws/config line 2: profile 'default' names services 'gone'"));

        f.file(".aws/config", "[default]\n").file(".aws/credentials", "[default]\naws_access_key_id = ONLYACCESSKEY0000001\n");
        ConfigException half = assertThrows(ConfigException.class, f::resolve);
        assertTrue(half.getMessage().startsWith("~/.aws/credentials line 2 gives the access key but")
                && half.getMessage().contains("has no secret key"), half.getMessage());
    }

    @Test
    void listNamesEveryProfileWithItsFiles() throws Exception {
        ConfigFixture f = new ConfigFixture(home).awsFiles().linodeS3cfg();
        List<ProfileResolver.Available> all = f.resolver().available(ConnectionOptions.NONE);
        assertEquals(List.of("default", "linode", "minio", "temp", "assumed", "s3cfg"),
                all.stream().map(ProfileResolver.Available::name).toList());
        assertEquals("~/.aws/config, ~/.aws/credentials", all.get(0).from());
        assertEquals("~/.s3cfg", all.get(5).from());
    }
}
