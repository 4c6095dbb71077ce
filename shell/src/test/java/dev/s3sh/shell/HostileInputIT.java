package dev.s3sh.shell;

import dev.s3sh.command.ExitCode;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsHostileCorpusTest;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.shell.ProfilesIT.Run;
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and malformed input through the commands as users run them ({@link Main#run}, one-shot and
 * script lines): the CORS corpus of src/test/resources/cors/hostile through {@code cors validate},
 * {@code cors set --yes} and {@code cors check --file}; broken configuration files; bad command
 * lines; strange paths and keys. Each ends with the expected exit status and a short message, never
 * a stack trace or a raw control character, and never a request that writes: s3sh talks to the real
 * RGW through a recording {@link FaultProxy}, and the bucket's CORS is read back unchanged at the end.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class HostileInputIT {
    static final AtomicInteger INPUTS = new AtomicInteger();
    static final CorsConfiguration BEFORE = new CorsConfiguration(List.of(new CorsRule("keep", List.of("GET"),
            List.of("https://keep.example.test"), List.of(), List.of(), null)));

    private static String bucket;
    private static FaultProxy proxy;
    private static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        bucket = LocalRgw.newBucket("hostile");
        LocalRgw.store().putCors(bucket, BEFORE);
        LocalRgw.store().putObject(bucket, "ünïcødé/ok.txt", new byte[]{1}, "text/plain");
        proxy = FaultProxy.to(URI.create(LocalRgw.endpoint()));
        tmp = Files.createTempDirectory("s3sh-hostile");
    }

    @AfterAll
    static void stop() {
        try {
            assertTrue(proxy.writes().isEmpty(), "no hostile input caused a write: " + proxy.writes());
            assertTrue(CorsNormalizer.sameRules(LocalRgw.store().getCors(bucket).orElse(null), CorsNormalizer.rgwStoredForm(BEFORE)),
                    "the bucket's CORS is as it was");
        } finally {
            proxy.close();
            LocalRgw.deleteBucket(bucket);
            System.out.println("HostileInputIT: inputs tried " + INPUTS.get());
        }
    }

    static Map<String, String> env(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        return env;
    }

    /** An environment with the RGW's keys, talking through the recording proxy. */
    static Map<String, String> connected() throws Exception {
        Map<String, String> env = env(Files.createTempDirectory(tmp, "home"));
        env.put("AWS_ACCESS_KEY_ID", LocalRgw.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", LocalRgw.secretKey());
        env.put("AWS_ENDPOINT_URL", proxy.uri().toString());
        return env;
    }

    static Run s3sh(Map<String, String> env, String stdin, String... args) throws Exception {
        INPUTS.incrementAndGet();
        return ProfilesIT.s3sh(env, stdin, args);
    }

    /** No stack trace, no raw control character (a terminal would act on it), a short message. */
    static void clean(Run r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("Exception") || all.contains("\tat ") || all.contains("at dev.s3sh"), "no stack trace\n" + r);
        assertFalse(all.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f), "no raw control character\n" + r);
    }

    static void oneError(Run r, Set<Integer> statuses, String fragment) {
        assertTrue(statuses.contains(r.status()), "exit status in " + statuses + "\n" + r);
        clean(r);
        assertFalse(r.err().isBlank(), "a message\n" + r);
        if (fragment != null) assertTrue(r.err().contains(fragment), "expected '" + fragment + "'\n" + r);
    }

    // ---------------------------------------------------------------- the CORS corpus, through the commands

    static Stream<CorsHostileCorpusTest.Entry> corpus() {
        return CorsHostileCorpusTest.corpus().stream();
    }

    static Path corpusFile(String name) throws Exception {
        Path dir = tmp.resolve("corpus");
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try (var in = HostileInputIT.class.getResourceAsStream("/cors/hostile/" + name)) {
                Files.copy(in, file);
            }
        }
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCorpusDocumentThroughValidateSetAndCheck(CorsHostileCorpusTest.Entry entry) throws Exception {
        String file = corpusFile(entry.file()).toString();
        Map<String, String> env = connected();
        Run validate = s3sh(env, "", "cors", "validate", file, "--dialect", "rgw");
        clean(validate);
        if (!entry.rgw().equals("error")) {
            assertEquals(ExitCode.OK, validate.status(), validate.toString());
            return;
        }
        oneError(validate, Set.of(ExitCode.INVALID_INPUT), file);
        for (String line : validate.err().strip().split("\n")) {
            assertTrue(line.startsWith(file), "every line names the file: " + line);
        }
        proxy.forget();
        Run set = s3sh(env, "", "cors", "set", file, "s3://" + bucket, "--yes");
        oneError(set, Set.of(ExitCode.INVALID_INPUT), "nothing was pushed");
        assertTrue(proxy.seen().isEmpty(), "an invalid document sends no request at all: " + proxy.seen());
        Run check = s3sh(env, "", "cors", "check", "--file", file, "--origin", "https://a.example", "--method", "GET");
        if (check.status() == ExitCode.OK) {
            // the document reads (its problems are for the server to refuse): the simulation still answers
            clean(check);
        } else {
            oneError(check, Set.of(ExitCode.INVALID_INPUT), file);
        }
    }

    @Test
    void generatedMonstersAreRefusedUnread() throws Exception {
        Path huge = tmp.resolve("ten-mb.xml");
        StringBuilder b = new StringBuilder("<CORSConfiguration>");
        while (b.length() < 10 * 1024 * 1024) b.append("<CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule>");
        Files.writeString(huge, b.append("</CORSConfiguration>"));
        Path deep = tmp.resolve("deep.xml");
        Files.writeString(deep, "<CORSConfiguration>" + "<a>".repeat(5000) + "</a>".repeat(5000) + "</CORSConfiguration>");
        Path bigNumber = tmp.resolve("big-number.json");
        Files.writeString(bigNumber, "{\"CORSRules\":[{\"AllowedMethods\":[\"GET\"],\"AllowedOrigins\":[\"*\"],\"MaxAgeSeconds\":1"
                + "0".repeat(5000) + "}]}");
        Map<String, String> env = connected();
        for (Path p : List.of(huge, deep, bigNumber)) {
            proxy.forget();
            oneError(s3sh(env, "", "cors", "validate", p.toString()), Set.of(ExitCode.INVALID_INPUT), p.toString());
            oneError(s3sh(env, "", "cors", "set", p.toString(), "s3://" + bucket, "--yes"), Set.of(ExitCode.INVALID_INPUT), null);
            assertTrue(proxy.seen().isEmpty(), proxy.seen().toString());
            oneError(s3sh(env, "", "cors", "check", "--file", p.toString(), "--origin", "https://a", "--method", "GET"),
                    Set.of(ExitCode.INVALID_INPUT), null);
        }
    }

    @Test
    void keysFromTheServerCannotDriveTheTerminal() throws Exception {
        String evil = "evil/\u001b]0;pwned\u0007\u001b[2J\nline.txt";
        LocalRgw.store().putObject(bucket, evil, new byte[]{1}, "text/plain");
        try {
            Run r = s3sh(connected(), "", "ls", "s3://" + bucket + "/evil/");
            assertEquals(0, r.status(), r.toString());
            clean(r);
            assertTrue(r.out().contains("\\x1b]0;pwned\\x07\\x1b[2J\\nline.txt"), "shown escaped\n" + r);
            Run json = s3sh(connected(), "", "ls", "s3://" + bucket + "/evil/", "--output", "json");
            assertTrue(json.out().toLowerCase().contains("\\u001b"), "JSON escapes it as JSON does\n" + json);
            // URL-encoded listings must not turn '+' into a space or trip on '%'
            String plus = "plus/a+b c%41.txt";
            LocalRgw.store().putObject(bucket, plus, new byte[]{1}, "text/plain");
            Run p = s3sh(connected(), "", "ls", "s3://" + bucket + "/plus/");
            assertTrue(p.status() == 0 && p.out().contains("a+b c%41.txt"), p.toString());
            Run q = s3sh(connected(), "", "ls", "-r", "s3://" + bucket + "/plus/a+");
            assertTrue(q.status() == 0 && q.out().contains("a+b c%41.txt"), q.toString());
            LocalRgw.store().deleteObject(bucket, plus);
        } finally {
            LocalRgw.store().deleteObject(bucket, evil);
        }
    }

    @Test
    void rulesLettingAnyOriginWriteAreWarnedAboutAndNeedAnExplicitYes() throws Exception {
        Path open = tmp.resolve("any-origin-write.xml");
        Files.writeString(open, "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
                + "<AllowedMethod>DELETE</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>");
        proxy.forget();
        Run r = s3sh(connected(), "", "cors", "set", open.toString(), "s3://" + bucket);
        oneError(r, Set.of(ExitCode.USAGE), "without confirmation");
        assertTrue(r.out().contains("warning: rule 1:") && r.out().toLowerCase().contains("any"), "the warning comes first\n" + r);
        assertTrue(r.out().indexOf("warning: rule 1:") < r.out().indexOf("+++"), "before the diff\n" + r);
        assertTrue(proxy.writes().isEmpty(), proxy.writes().toString());
    }

    // ---------------------------------------------------------------- command lines

    static Stream<Arguments> commandLines() {
        String ok = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>https://a</AllowedOrigin></CORSRule></CORSConfiguration>";
        return Stream.of(
                cli(2, "unknown global option", "--bogus"),
                cli(2, "needs a value", "--output"),
                cli(2, "--output must be one of", "--output", "yaml", "ls"),
                cli(2, "--dialect must be one of", "--dialect", "xyz", "ls"),
                cli(2, "--local is its own endpoint", "--local", "--profile", "x", "ls"),
                cli(2, "takes no value", "--insecure=yes", "ls"),
                cli(2, null, "ls", "--bogus"),
                cli(2, "unknown command", "nosuchcommand"),
                cli(2, "needs a subcommand", "cors"),
                cli(2, "is not a command", "cors", "frobnicate"),
                cli(2, "needs one FILE", "cors", "validate"),
                cli(2, null, "cors", "check", "--file", "@ok", "--method", "GET"),
                cli(2, null, "cors", "set", "@ok", "s3://@bucket", "extra"),
                cli(2, "the file comes first", "cors", "set", "s3://@bucket", "@ok"),
                cli(2, "cannot read", "cors", "set", "/no/such/file.xml", "s3://@bucket", "--yes"),
                cli(2, "cannot read", "cors", "check", "--file", "/no/such/file.xml", "--origin", "https://a", "--method", "GET"),
                cli(1, "cannot read", "cors", "validate", "/no/such/\nfile.xml"),
                cli(1, "not a usable file name", "cors", "validate", "bad\u0000name.xml"),
                cli(2, null, "cors", "check", "--file", "@ok", "--origin", "https://a", "--method", "GET", "--header"),
                cli(3, "is not a URL", "--endpoint", "not a url", "ls"),
                cli(3, "is not an http(s) URL", "--endpoint", "ftp://127.0.0.1/", "ls"),
                cli(3, "there is no profile 'nosuch'", "--profile", "nosuch", "ls"),
                cli(3, "is not a Linode cluster id", "--cluster", "mars-1", "ls"),
                cli(3, "CA bundle", "--ca-bundle", "/no/such/ca.pem", "ls"),
                cli(2, "not a valid bucket name", "ls", "s3://\u001b]0;pwned\u0007/"),
                cli(2, "not a valid bucket name", "ls", "s3://Bad_Bucket!/"),
                cli(2, "not a valid bucket name", "cd", "s3://" + "b".repeat(256)),
                cli(2, "not a valid bucket name", "info", "s3://a"),
                cli(2, "not a valid bucket name", "cors", "show", "s3://has space"),
                cli(2, "unknown command", "\u001b[2J\u0007"),
                cli(2, "1024 bytes", "ls", "s3://@bucket/" + "k".repeat(1025)),
                cli(2, "1024 bytes", "ls", "s3://@bucket/" + "é".repeat(513)),
                cli(0, null, "ls", "s3://@bucket/" + "k".repeat(1024)),
                cli(0, null, "ls", "s3://@bucket/ünïcødé/"),
                cli(0, null, "ls", "s3://@bucket/a\nb"),
                cli(0, null, "ls", "s3://@bucket/%2e%2e/%/%00"),
                cli(0, null, "ls", "s3://@bucket/../x/"),
                cli(0, null, "ls", "s3://@bucket//empty//segments/"),
                cli(0, null, "cors", "validate", "@ok"),
                cli(1, "does not exist", "info", "s3://no-such-bucket-s3sh-hostile")
        );
    }

    static Arguments cli(int status, String fragment, String... args) {
        return Arguments.of(status, fragment, List.of(args));
    }

    private static String[] expand(List<String> args) throws Exception {
        Path ok = tmp.resolve("ok.xml");
        if (!Files.exists(ok)) {
            Files.writeString(ok, "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
                    + "<AllowedOrigin>https://a</AllowedOrigin></CORSRule></CORSConfiguration>");
        }
        return args.stream().map(a -> a.replace("@ok", ok.toString()).replace("@bucket", bucket)).toArray(String[]::new);
    }

    @ParameterizedTest(name = "[{index}] exit {0}: {2}")
    @MethodSource("commandLines")
    void oneShotCommandLines(int status, String fragment, List<String> args) throws Exception {
        Run r = s3sh(connected(), "", expand(args));
        if (status == 0) {
            assertEquals(0, r.status(), r.toString());
            clean(r);
        } else {
            oneError(r, Set.of(status), fragment);
        }
    }

    static Stream<Arguments> scriptLines() {
        return Stream.of(
                Arguments.of("ls \"unbalanced", 2, "line 1: the line has an unbalanced quote"),
                Arguments.of("cors validate 'x.xml", 2, "line 1: the line has an unbalanced quote"),
                Arguments.of("ls \\", 0, null),
                Arguments.of("\u0000\u0001\u0002", 2, "unknown command"),
                Arguments.of("ls \u001b[31mred\u001b[0m", 2, "not a valid bucket name"),
                Arguments.of("ls " + "x".repeat(100_000), 2, "not a valid bucket name"),
                Arguments.of("cd ../../../..\npwd", 0, "s3://"),
                Arguments.of("cd s3://@bucket//a//b/\npwd", 0, null),
                Arguments.of("cd s3://@bucket\ncd ../../..\npwd", 0, null),
                Arguments.of("ls s3://@bucket/" + "k".repeat(2000), 2, "1024 bytes"),
                Arguments.of("#!/bin/s3sh\n# only comments\n\n", 0, null),
                Arguments.of("cors set --yes", 2, null),
                Arguments.of("profile use", 2, null),
                Arguments.of("profile use ../../etc/passwd", 3, null));
    }

    @ParameterizedTest(name = "[{index}] script exit {1}")
    @MethodSource("scriptLines")
    void scriptLinesFromStandardInput(String script, int status, String fragment) throws Exception {
        Run r = s3sh(connected(), script.replace("@bucket", bucket));
        if (status == 0) {
            assertEquals(0, r.status(), r.toString());
            clean(r);
            if (fragment != null) assertTrue(r.out().contains(fragment), r.toString());
        } else {
            oneError(r, Set.of(status), fragment);
        }
    }

    // ---------------------------------------------------------------- configuration files

    static Stream<Arguments> configFiles() {
        byte[] notUtf8 = {'[', 'd', 'e', 'f', 'a', 'u', 'l', 't', ']', '\n', 'a', '=', (byte) 0xff, (byte) 0xfe, '\n'};
        return Stream.of(
                conf(".s3cfg", "this line is neither\n", "line 1"),
                conf(".s3cfg", "[default\naccess_key = A\n", "closing ']'"),
                conf(".s3cfg", "access_key = A\n[default]\n", "before any [section]"),
                conf(".s3cfg", "[other]\naccess_key = A\n", "has no [default] section"),
                conf(".s3cfg", notUtf8, "is not UTF-8 text"),
                conf(".s3cfg", "[default]\naccess_key = A\nsecret_key = S\nuse_https = maybe\n", "must be True or False"),
                conf(".s3cfg", "[default]\naccess_key = A\nsecret_key = S\nproxy_host = p\nproxy_port = eighty\n", "port number"),
                conf(".s3cfg", "[default]\n" + "x = y\n".repeat(300_000), "too large"),
                conf(".s3cfg", "[default]\naccess_key = A\nLEAKYSECRETVALUEpastedalone0123456789\n", "line 3"),
                conf(".aws/config", "[profile x\nregion = a\n", "closing ']'"),
                conf(".aws/credentials", "[default]\naws_access_key_id = AKIAONLYACCESSKEY\n", null),
                conf("config/s3sh/config", "[settings]\ndialect = xyz\n", "dialect must be rgw (RGW before the 2026 change), rgw-2026 (after it) or aws"),
                conf("config/s3sh/config", "[profile p]\ncluster = mars-1\n[settings]\ndefault_profile = p\n", "not a Linode cluster"),
                conf("config/s3sh/config", "[profile p]\ncluster = us-east-1\nendpoint = http://127.0.0.1:1\n[settings]\ndefault_profile = p\n",
                        "both cluster and endpoint"),
                conf("config/s3sh/config", "[settings]\ndefault_profile = nowhere\n", "no profile 'nowhere'"),
                conf("config/s3sh/config", "[profile p]\ninsecure = perhaps\n[settings]\ndefault_profile = p\n", "must be true or false"));
    }

    static Arguments conf(String file, Object content, String fragment) {
        return Arguments.of(file, content instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : content, fragment);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("configFiles")
    void brokenConfigurationFilesAreInvalidInput(String file, byte[] content, String fragment) throws Exception {
        Path home = Files.createTempDirectory(tmp, "home");
        Path p = home.resolve(file);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Run r = s3sh(env(home), "", "ls");
        oneError(r, Set.of(ExitCode.INVALID_INPUT), fragment);
        assertFalse(r.err().contains("LEAKYSECRETVALUE"), "a broken line is pointed at, never quoted: it may be a secret");
    }

    @Test
    void aConfigurationFileThatIsADirectoryOrMissing() throws Exception {
        Path home = Files.createTempDirectory(tmp, "home");
        Files.createDirectories(home.resolve(".s3cfg"));
        oneError(s3sh(env(home), "", "ls"), Set.of(ExitCode.INVALID_INPUT), "is a directory");
        oneError(s3sh(env(home), "", "-c", home.resolve("nope").toString(), "ls"), Set.of(ExitCode.INVALID_INPUT), "does not exist");
    }
}
