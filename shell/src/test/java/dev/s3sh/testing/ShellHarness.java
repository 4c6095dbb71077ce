package dev.s3sh.testing;

import dev.s3sh.config.Profile;
import dev.s3sh.session.Session;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.command.EditorLauncher;
import dev.s3sh.command.Prompter;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.S3ObjectStore;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs commands in-process against a session, as one front end would, and captures what they
 * print. One harness keeps one session, so {@code cd} carries over between calls.
 */
public final class ShellHarness implements AutoCloseable {
    private final Session session;
    private final CommandRegistry registry = BuiltinCommands.registry();
    private Prompter prompter = Prompter.NONE;
    private EditorLauncher editor = file -> {
        throw new IllegalStateException("no editor in this test");
    };

    private java.nio.file.Path stateDir;

    public ShellHarness(Profile profile) {
        this(profile, S3ObjectStore::new);
    }

    /** With its own store factory (short timeouts, a counting store, ...). */
    public ShellHarness(Profile profile, java.util.function.Function<Profile, dev.s3sh.store.ObjectStore> stores) {
        this.session = new Session(profile, stores);
    }

    public static ShellHarness local() {
        return new ShellHarness(LocalRgw.profile());
    }

    public Session session() {
        return session;
    }

    public ShellHarness prompter(Prompter p) {
        this.prompter = p;
        return this;
    }

    public ShellHarness editor(EditorLauncher e) {
        this.editor = e;
        return this;
    }

    /** Where CORS history and edit files go; by default a fresh temporary directory per harness. */
    public synchronized java.nio.file.Path stateDir() {
        if (stateDir == null) {
            try {
                stateDir = java.nio.file.Files.createTempDirectory("s3sh-state");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return stateDir;
    }

    public ShellHarness stateDir(java.nio.file.Path dir) {
        this.stateDir = dir;
        return this;
    }

    public Result run(String... words) {
        return run(Arrays.asList(words));
    }

    public Result run(List<String> words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandContext ctx = CommandContext.builder(session, registry).out(new PrintWriter(out, true))
                .err(new PrintWriter(err, true)).prompter(prompter).editor(editor).stateDir(stateDir()).build();
        int status = new CommandRunner(registry, false, List.of()).run(ctx, new ArrayList<>(words));
        return new Result(status, out.toString(), err.toString());
    }

    @Override
    public void close() {
        session.close();
    }

    public record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
