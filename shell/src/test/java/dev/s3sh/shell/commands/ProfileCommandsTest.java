package dev.s3sh.shell.commands;

import dev.s3sh.config.ConnectionOptions;
import dev.s3sh.config.ProfileCatalog;
import dev.s3sh.config.ProfileResolver;
import dev.s3sh.config.ResolvedProfile;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.Prompter;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile commands on a session whose files live in a temporary HOME (no server needed). */
class ProfileCommandsTest {
    private static final String SECRET = "commands-secret-000000000000abcd";

    @TempDir
    Path home;
    private ShellHarness shell;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = COMMANDSACCESSKEY001\n"
                + "aws_secret_access_key = " + SECRET + "\n\n[other]\naws_access_key_id = OTHERACCESSKEY000002\n"
                + "aws_secret_access_key = other-secret-0000000000000002\n");
        Files.writeString(home.resolve(".aws/config"), "[default]\nregion = eu-central-1\nendpoint_url = https://eu-central-1.linodeobjects.com\n");
        env.put("HOME", home.toString());
        env.put("ENV_WITH_SECRET", "from-env-secret-000000000000003");
        ProfileResolver resolver = new ProfileResolver(env);
        ResolvedProfile start = resolver.resolveDetailed(ConnectionOptions.NONE);
        ProfileCatalog catalog = new ProfileCatalog(resolver, ConnectionOptions.NONE);
        catalog.remember(start);
        shell = new ShellHarness(start.profile());
        shell.session().catalog(catalog);
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    @Test
    void showMasksSecretsAndSaysWhereValuesCameFrom() {
        ShellHarness.Result r = shell.run("profile", "show");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("secret key:") && r.out().contains("****abcd"), r.toString());
        assertTrue(r.out().contains("from ~/.aws/credentials line 3"), r.toString());
        assertTrue(r.out().contains("from ~/.aws/config line 3"), r.toString());
        assertFalse(r.out().contains(SECRET), r.toString());
        ShellHarness.Result json = shell.run("profile", "show", "--output", "json");
        assertTrue(json.out().contains("\"secret key\":\"****abcd\""), json.toString());
        assertFalse(json.out().contains(SECRET));
    }

    @Test
    void showSaysTheRememberedCorsRuleChoiceOfTheEndpoint() throws Exception {
        ShellHarness.Result before = shell.run("profile", "show");
        assertTrue(before.out().lines().anyMatch(l -> l.matches("  CORS rule choice: +\\(not known; run 'cors detect'\\)\\s*")), before.toString());
        new dev.s3sh.app.CorsBehaviours(shell.stateDir()).remember(shell.session().profile().endpointLabel(),
                dev.s3sh.cors.CorsDetector.Behaviour.ORIGIN_FIRST, java.time.Instant.parse("2026-12-01T10:00:00Z"));
        ShellHarness.Result after = shell.run("profile", "show");
        assertTrue(after.out().lines().anyMatch(l -> l.matches("  CORS rule choice: +origin-first +from 'cors detect' on 2026-12-01")), after.toString());
        ShellHarness.Result json = shell.run("profile", "show", "--output", "json");
        assertTrue(json.out().contains("\"corsRuleChoice\":\"origin-first\""), json.toString());
        // another endpoint's profile has its own (unknown) choice
        ShellHarness.Result other = shell.run("profile", "show", "other", "--output", "json");
        assertTrue(other.out().contains("\"corsRuleChoice\":null"), other.toString());
    }

    @Test
    void listMarksTheCurrentProfileAndUseSwitches() {
        ShellHarness.Result list = shell.run("profile", "list");
        assertTrue(list.out().contains("* default ") && list.out().contains("  other "), list.toString());
        String before = shell.session().cacheKey();
        ShellHarness.Result use = shell.run("profile", "use", "other");
        assertEquals(0, use.status(), use.toString());
        assertEquals("other", shell.session().profile().name());
        assertEquals("OTHERACCESSKEY000002", shell.session().profile().accessKey());
        assertFalse(before.equals(shell.session().cacheKey()), "caches are keyed per profile");
        ShellHarness.Result missing = shell.run("profile", "use", "nope");
        assertEquals(ExitCode.INVALID_INPUT, missing.status(), "an unknown profile is invalid input");
        assertTrue(missing.err().contains("there is no profile 'nope'") && missing.err().contains("default, other"), missing.toString());
        assertEquals("other", shell.session().profile().name(), "a failed switch keeps the session as it was");
    }

    @Test
    void addAsksForTheSecretWithoutEchoOrTakesItFromTheEnvironment() throws Exception {
        List<String> asked = new ArrayList<>();
        shell.prompter(new Prompter() {
            public boolean interactive() {
                return true;
            }

            public boolean confirm(String q) {
                return false;
            }

            public String readSecret(String prompt) {
                asked.add("secret:" + prompt);
                return "typed-secret-00000000000000004";
            }

            public String readLine(String prompt) {
                asked.add("line:" + prompt);
                return "TYPEDACCESSKEY000004";
            }
        });
        ShellHarness.Result r = shell.run("profile", "add", "atl", "--cluster", "us-southeast-1", "--use");
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("line:Access key: ", "secret:Secret key (not shown): "), asked);
        assertEquals("https://us-southeast-1.linodeobjects.com", shell.session().profile().endpointLabel());
        assertEquals("typed-secret-00000000000000004", shell.session().profile().secretKey());
        assertFalse(r.out().contains("typed-secret"), r.toString());

        shell.prompter(Prompter.NONE);
        ShellHarness.Result refused = shell.run("profile", "add", "x", "--endpoint", "https://s3.example.com", "--access-key", "K");
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("--secret-env"), refused.toString());
        ShellHarness.Result fromEnv = shell.run("profile", "add", "x", "--endpoint", "https://s3.example.com",
                "--access-key", "ENVADDEDACCESSKEY005", "--secret-env", "ENV_WITH_SECRET");
        assertEquals(0, fromEnv.status(), fromEnv.toString());
        String file = Files.readString(home.resolve(".config/s3sh/config"));
        assertTrue(file.contains("[profile x]\nendpoint = https://s3.example.com\naccess_key = ENVADDEDACCESSKEY005\n"
                + "secret_key = from-env-secret-000000000000003"), file);
        // a cluster newer than s3sh's list is taken as given (its use warns), not refused as a usage error
        ShellHarness.Result newer = shell.run("profile", "add", "oslo", "--cluster", "no-osl-1",
                "--access-key", "ENVADDEDACCESSKEY006", "--secret-env", "ENV_WITH_SECRET");
        assertEquals(0, newer.status(), newer.toString());
        assertTrue(Files.readString(home.resolve(".config/s3sh/config")).contains("[profile oslo]\ncluster = no-osl-1\n"));
    }

    @Test
    void connectToAClusterKeepsTheKeys() {
        ShellHarness.Result r = shell.run("connect", "us-iad-1");
        assertEquals(0, r.status(), r.toString());
        assertEquals("us-iad-1", shell.session().profile().name());
        assertEquals("https://us-iad-1.linodeobjects.com", shell.session().profile().endpointLabel());
        assertEquals("COMMANDSACCESSKEY001", shell.session().profile().accessKey());
        ShellHarness.Result show = shell.run("profile", "show");
        assertTrue(show.out().contains("from profile 'default': ~/.aws/credentials line 2"), show.toString());
        ShellHarness.Result other = shell.run("connect", "http://127.0.0.1:9", "--profile", "other");
        assertEquals("127.0.0.1:9", shell.session().profile().name());
        assertTrue(shell.session().profile().pathStyle());
        assertEquals("OTHERACCESSKEY000002", shell.session().profile().accessKey(), other.toString());
        assertTrue(shell.run("profile", "list").out().contains("* 127.0.0.1:9"));
        assertEquals(0, shell.run("profile", "use", "us-iad-1").status(), "ad-hoc profiles can be switched back to");
    }
}
