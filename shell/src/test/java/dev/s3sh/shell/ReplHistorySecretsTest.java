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
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lines holding a secret the session has read or been given are not kept in the history file:
 * one typed at profile add's hidden prompt, and one of an AWS profile that is not in use. The
 * secrets look like nothing in particular (no "secret" word, not 40 base64 characters), so only
 * knowing them keeps them out. No server is needed: nothing here reaches one.
 */
class ReplHistorySecretsTest {
    private static final String TYPED = "hush-typed-7Qx-0001";
    private static final String OTHER = "hush-other-9Lk-0002";
    private static final String ACTIVE = "hush-active-3Zm-0003";

    @Test
    void secretsOfEveryProfileAndTypedOnesStayOutOfHistory(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = AK1\naws_secret_access_key = " + ACTIVE
                + "\n\n[other]\naws_access_key_id = AK2\naws_secret_access_key = " + OTHER + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
        Path history = home.resolve("state/s3sh/history");
        // typed as a user would: the secret only once its hidden prompt is on the screen (piped all at
        // once, the REPL could read it as the next command line before the prompt asks for it)
        String first = "profile add typed --endpoint http://127.0.0.1:1 --access-key AK3\n";
        String rest = String.join("\n", TYPED, "pwd " + TYPED, "pwd " + OTHER, "pwd " + ACTIVE, "pwd kept", "exit", "");
        ProfileResolver resolver = new ProfileResolver(env);
        ResolvedProfile startup = resolver.resolveDetailed(ConnectionOptions.NONE);
        ProfileCatalog catalog = new ProfileCatalog(resolver, ConnectionOptions.NONE);
        catalog.remember(startup);
        CommandRegistry registry = BuiltinCommands.registry();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream typed = new PipedInputStream(keyboard, 1 << 16);
        Thread typist = new Thread(() -> {
            try (keyboard) {
                keyboard.write(first.getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (!screenShows(screen, "Secret key (not shown): ") && System.nanoTime() < deadline) Thread.sleep(10);
                keyboard.write(rest.getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        typist.start();
        try (Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb")
                .streams(typed, screen).build();
             Session session = new Session(startup.profile(), S3ObjectStore::new)) {
            session.catalog(catalog);
            terminal.echo(false);
            new Repl(terminal, session, registry, new CommandRunner(registry, true, List.of()), false, history, env).run();
        }
        typist.join();
        assertTrue(screen.toString(StandardCharsets.UTF_8).contains("saved profile typed"), screen.toString(StandardCharsets.UTF_8));
        String kept = Files.readString(history);
        assertTrue(kept.contains("pwd kept") && kept.contains("profile add typed"), "history is written: " + kept);
        for (String secret : List.of(TYPED, OTHER, ACTIVE)) assertFalse(kept.contains(secret), secret + " kept in " + kept);
    }

    private static boolean screenShows(ByteArrayOutputStream screen, String text) {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8).contains(text);
        }
    }
}
