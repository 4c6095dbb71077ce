package dev.s3sh.testing;

import dev.s3sh.config.Profile;
import dev.s3sh.session.Session;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.shell.Repl;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.ObjectStore;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The real REPL (JLine on an external terminal, which applies the line discipline itself, so ^C
 * raises INT as a tty would) typed at by a script on a second thread, like a person at the keyboard.
 * When the script fails, it types {@code ^C exit} so the REPL ends, and {@link #run} rethrows the
 * failure with the screen attached. When the script ends, {@code exit} is typed for it.
 */
public final class TypedRepl {
    /** How long {@link Keys#await}/{@link #awaitTrue} poll before failing: a bound, not a speed check. */
    static final int POLLS = 300;
    static final long POLL_MS = 100;
    /** The pause before a Ctrl-C, so the command it is meant for has got going. */
    static final long BEFORE_CTRL_C_MS = 200;

    private final Profile profile;
    private final Function<Profile, ObjectStore> stores;
    private CommandRegistry registry = BuiltinCommands.registry();
    private final Path history;
    private Map<String, String> env = Map.of();
    private long pauseMs = 150;

    /** A REPL on a new session for {@code profile}, keeping its history in {@code history}. */
    public TypedRepl(Profile profile, Function<Profile, ObjectStore> stores, Path history) {
        this.profile = profile;
        this.stores = stores;
        this.history = history;
    }

    public TypedRepl registry(CommandRegistry registry) {
        this.registry = registry;
        return this;
    }

    public TypedRepl env(Map<String, String> env) {
        this.env = env;
        return this;
    }

    /** The pause after each bit of typing, to let the REPL render as a person would wait. */
    public TypedRepl pauseMs(long pauseMs) {
        this.pauseMs = pauseMs;
        return this;
    }

    /** What the script types; it may throw, assert and wait. */
    @FunctionalInterface
    public interface Script {
        void type(Keys keys) throws Exception;
    }

    /** What the REPL returned, the whole screen, and how many Ctrl-Cs the script typed. */
    public record Result(int status, String screen, int ctrlCs) {
    }

    /** The keyboard and the screen, as the script sees them. */
    public final class Keys {
        private final PipedOutputStream keys;
        private final ByteArrayOutputStream screen;
        private int ctrlCs;

        private Keys(PipedOutputStream keys, ByteArrayOutputStream screen) {
            this.keys = keys;
            this.screen = screen;
        }

        public void type(String text) throws Exception {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
            Thread.sleep(pauseMs);
        }

        /** Ctrl-C, after a short pause so the command it is meant for has got going. */
        public void ctrlC() throws Exception {
            Thread.sleep(BEFORE_CTRL_C_MS);
            type("\u0003");
            ctrlCs++;
        }

        /** Everything on the screen so far. */
        public String screen() {
            return screen.toString(StandardCharsets.UTF_8); // synchronized on the stream
        }

        /** Where the screen ends now: pass it to {@link #await} to look only at what comes after. */
        public int mark() {
            return screen().length();
        }

        /** Waits (bounded) until {@code expected} is on the screen after {@code mark}. */
        public void await(int mark, String expected) throws InterruptedException {
            awaitTrue(() -> screen().indexOf(expected, mark) >= 0, "'" + expected + "' on the screen after offset " + mark);
        }
    }

    /** Polls {@code condition} until true; fails after 30 s (a guard against a hang, not a speed check). */
    public static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < POLLS; i++) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(POLL_MS);
        }
        throw new AssertionError("waited " + POLLS * POLL_MS / 1000 + " s for " + what);
    }

    /** Runs the REPL until the script has typed everything and {@code exit}; fails as the script did. */
    public Result run(Script script) throws Exception {
        PipedOutputStream keyStream = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyStream, 64 * 1024);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Keys keys = new Keys(keyStream, screen);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int status;
        try (Terminal terminal = new ExternalTerminal("test", "xterm", in, screen, StandardCharsets.UTF_8);
             Session session = new Session(profile, stores)) {
            Repl repl = new Repl(terminal, session, registry, new CommandRunner(registry, false, List.of()), false,
                    history, env);
            Thread typist = new Thread(() -> {
                try {
                    script.type(keys);
                    keys.type("exit\r");
                } catch (Throwable t) {
                    failure.set(t);
                    try {
                        keys.type("\u0003exit\r");
                    } catch (Exception ignored) {
                        // the REPL is gone
                    }
                }
            }, "typist");
            typist.start();
            boolean ended = false;
            try {
                status = repl.run();
                ended = true;
            } finally {
                if (!ended) typist.interrupt(); // the REPL broke: stop typing at it
                // a Ctrl-C typed at the prompt interrupts the reading thread (this one); that is not meant for the join
                Thread.interrupted();
                typist.join(); // the script's waits are bounded, so this ends
            }
        }
        String text = keys.screen();
        if (failure.get() != null) throw new AssertionError("screen:\n" + text, failure.get());
        return new Result(status, text, keys.ctrlCs);
    }
}
