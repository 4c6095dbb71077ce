package dev.s3sh.shell;

import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandRunner;

import dev.s3sh.config.ConnectionOptions;
import dev.s3sh.config.ProfileCatalog;
import dev.s3sh.config.ProfileResolver;
import dev.s3sh.config.ResolvedProfile;
import dev.s3sh.session.Session;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.LocalRgw;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole session (start-up from files, ls, a failing request, --debug wire log, profile show/use/
 * list/add, connect, a secret typed at the prompt by mistake, the REPL's history), after which no
 * secret is found in stdout, stderr, the history file, or any file under HOME or the temporary
 * directory other than the two configuration files that are meant to hold it.
 */
class SecretLeakIT {
    @TempDir
    Path home;

    @Test
    void noSecretAnywhereAfterAFullSession() throws Exception {
        String bucket = LocalRgw.newBucket("leak");
        try {
            LocalRgw.store().putObject(bucket, "hello.txt", "hi".getBytes(StandardCharsets.UTF_8), "text/plain");
            fullSession(bucket);
        } finally {
            LocalRgw.deleteBucket(bucket);
        }
    }

    private void fullSession(String bucket) throws Exception {
        FileTime start = FileTime.fromMillis(System.currentTimeMillis() - 1000);
        String real = LocalRgw.secretKey();
        String wrong = "leak-wrong-secret-" + UUID.randomUUID();
        String token = "leak-session-token-" + UUID.randomUUID();
        String typed = "leak-typed-secret-" + UUID.randomUUID();
        List<String> secrets = List.of(real, wrong, token, typed);
        URI endpoint = URI.create(LocalRgw.endpoint());
        String hostPort = endpoint.getHost() + ":" + endpoint.getPort();

        Path s3cfg = home.resolve(".s3cfg");
        Files.writeString(s3cfg, "[default]\naccess_key = " + LocalRgw.accessKey() + "\nsecret_key = " + real
                + "\nhost_base = " + hostPort + "\nhost_bucket = " + hostPort + "\nuse_https = False\n");
        Path own = home.resolve(".config/s3sh/config");
        Files.createDirectories(own.getParent());
        Files.writeString(own, "[profile wrong]\nendpoint = " + LocalRgw.endpoint() + "\naccess_key = " + LocalRgw.accessKey()
                + "\nsecret_key = " + wrong + "\nsession_token = " + token + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());

        // CORS work leaves history entries and edit files: they are scanned below, and must be private
        Path corsDoc = home.resolve("cors.xml");
        Files.writeString(corsDoc, "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedOrigin>https://leak.example.test</AllowedOrigin></CORSRule></CORSConfiguration>");
        Path editor = home.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/leak.example.test/edited.example.test/' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        env.put("EDITOR", editor.toString());

        // 1. one script run with --debug: wire log, successes, failures, every profile command, the CORS commands
        ProfilesIT.Run run = ProfilesIT.s3sh(env, """
                profile show
                ls
                ls s3://%1$s/
                profile use wrong
                profile show
                ls
                info s3://%1$s
                connect http://localhost:%2$d --profile s3cfg
                ls s3://%1$s/
                cors set %4$s s3://%1$s --yes
                cors edit s3://%1$s --yes
                cors history s3://%1$s
                cors undo s3://%1$s --yes
                cors show s3://%1$s
                profile list
                profile show wrong
                profile show --output json
                %3$s
                cd s3://%1$s --output json
                """.formatted(bucket, endpoint.getPort(), wrong, corsDoc), "--debug");
        assertTrue(run.err().contains("> GET http://"), "the wire log is on");
        assertTrue(run.err().contains("> Authorization: REDACTED"), "and shows redacted headers");
        assertTrue(run.err().contains("< 200") && run.err().contains("< 403"), "a request failed and one worked");
        assertTrue(run.out().contains("hello.txt"), "ls worked");
        assertTrue(run.out().contains("****"), "profile show masks");
        assertTrue(run.out().contains("edited.example.test"), "cors edit pushed\n" + run.out() + run.err());
        assertNoSecret("stdout", run.out(), secrets);
        assertNoSecret("stderr", run.err(), secrets);

        // 1b. the same keys against an endpoint that fails every request (503, then a reset): the wire log and
        // the errors of each retried attempt
        try (dev.s3sh.testing.FaultProxy proxy = dev.s3sh.testing.FaultProxy.to(endpoint)) {
            Map<String, String> faulty = new HashMap<>(env);
            faulty.put("AWS_ACCESS_KEY_ID", LocalRgw.accessKey());
            faulty.put("AWS_SECRET_ACCESS_KEY", real);
            faulty.put("AWS_SESSION_TOKEN", token);
            proxy.fault(dev.s3sh.testing.FaultProxy.Fault.status(503));
            ProfilesIT.Run failing = ProfilesIT.s3sh(faulty, "ls s3://" + bucket + "/\ncors show s3://" + bucket + "\n",
                    "--debug", "--endpoint", proxy.uri().toString());
            proxy.fault(dev.s3sh.testing.FaultProxy.Fault.reset());
            ProfilesIT.Run reset = ProfilesIT.s3sh(faulty, "ls s3://" + bucket + "/\n", "--debug", "--endpoint", proxy.uri().toString());
            assertTrue(failing.err().contains("503") && reset.status() == 1, failing.err() + reset.err());
            for (ProfilesIT.Run r : List.of(failing, reset)) {
                assertNoSecret("stdout under faults", r.out(), secrets);
                assertNoSecret("stderr under faults", r.err(), secrets);
            }
        }

        // 2. the REPL on a terminal: profile add asks for a secret, which is then pasted at the prompt by mistake
        Path history = home.resolve("state/s3sh/history");
        String input = String.join("\n",
                "profile add typed --endpoint " + LocalRgw.endpoint() + " --access-key " + LocalRgw.accessKey(),
                typed,
                "profile use typed",
                "ls",
                typed,
                "profile use wrong",
                wrong,
                "profile show",
                "exit", "");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ProfileResolver resolver = new ProfileResolver(env);
        ResolvedProfile startup = resolver.resolveDetailed(ConnectionOptions.NONE);
        ProfileCatalog catalog = new ProfileCatalog(resolver, ConnectionOptions.NONE);
        catalog.remember(startup);
        CommandRegistry registry = BuiltinCommands.registry();
        PrintWriter wire = new PrintWriter(screen, true);
        java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
        java.io.PipedInputStream keys = new java.io.PipedInputStream(keyboard, 65536);
        try (Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb")
                .streams(keys, screen).build();
             Session session = new Session(startup.profile(), p -> new S3ObjectStore(p, wire))) {
            session.catalog(catalog);
            // a real terminal is put in raw mode, so what the user types is only shown as the line reader draws
            // it (masked for secrets); this piped dumb terminal would echo the raw input bytes itself
            terminal.echo(false);
            keyboard.write(input.getBytes(StandardCharsets.UTF_8));
            keyboard.close();
            new Repl(terminal, session, registry, new CommandRunner(registry, true, List.of()), false, history, env).run();
            terminal.flush();
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("saved profile typed"), "profile add ran");
        assertTrue(shown.contains("now using profile typed"), "profile use ran");
        assertNoSecret("the terminal", shown, secrets);
        String kept = Files.readString(history);
        assertTrue(kept.contains("profile use typed") && kept.contains("profile add typed"), "history is written");
        assertNoSecret("the history file", kept, secrets);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)));
        assertTrue(Files.readString(own).contains("secret_key = " + typed), "the typed secret went where it belongs");

        // 3. files: everything under HOME but the two configuration files, and whatever appeared in the temp dir
        Set<Path> allowed = Set.of(s3cfg.toRealPath(), own.toRealPath());
        List<Path> scanned = new ArrayList<>();
        for (Path root : List.of(home, Path.of(System.getProperty("java.io.tmpdir")))) {
            try (Stream<Path> files = Files.walk(root, root.equals(home) ? 20 : 3)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!Files.isRegularFile(f) || !Files.isReadable(f) || allowed.contains(f.toRealPath())) continue;
                    if (!root.equals(home) && (Files.getLastModifiedTime(f).compareTo(start) < 0 || Files.size(f) > 20_000_000)) continue;
                    scanned.add(f);
                    String text;
                    try {
                        text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    } catch (IOException e) {
                        continue;
                    }
                    assertNoSecret(f.toString(), text, secrets);
                }
            } catch (java.io.UncheckedIOException ignored) {
                // a directory of someone else's that vanished or is closed to us while walking
            }
        }
        assertTrue(scanned.contains(history), "the scan covered the history file");

        // 4. what s3sh keeps for CORS work is private, and a successful edit leaves no edit file
        Path stateDir = home.resolve("state/s3sh");
        List<Path> corsFiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.equals(stateDir) || f.equals(history)) continue;
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                String rel = stateDir.relativize(f).toString();
                if (!rel.startsWith("cors-history") && !rel.startsWith("edit")) continue;
                corsFiles.add(f);
                assertEquals(Files.isDirectory(f) ? "rwx------" : "rw-------", perms, rel);
            }
        }
        assertTrue(corsFiles.stream().anyMatch(f -> f.toString().endsWith(".json")), "history entries were written: " + corsFiles);
        assertTrue(corsFiles.stream().noneMatch(f -> f.getParent().getFileName().toString().equals("edit")), "no edit file left: " + corsFiles);
    }

    private static void assertNoSecret(String where, String text, List<String> secrets) {
        for (int i = 0; i < secrets.size(); i++) {
            // the message never quotes the text: it would put the secret into the test report
            assertTrue(!text.contains(secrets.get(i)), "secret #" + (i + 1) + " found in " + where
                    + " at offset " + text.indexOf(secrets.get(i)));
        }
    }
}
