package dev.s3sh.shell;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandLineParser;
import dev.s3sh.command.GlobalOptionEnvironment;
import dev.s3sh.command.GlobalOptionSettings;
import dev.s3sh.command.GlobalOptions;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.command.EditorLauncher;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.FullScreen;
import dev.s3sh.command.Prompter;
import dev.s3sh.command.StreamPrompter;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.XdgDirs;

import dev.s3sh.completions.CompleteMode;
import dev.s3sh.config.ConfigException;
import dev.s3sh.config.ConnectionOptions;
import dev.s3sh.config.Profile;
import dev.s3sh.config.ProfileCatalog;
import dev.s3sh.config.ProfileResolver;
import dev.s3sh.config.ResolvedProfile;
import dev.s3sh.config.S3shConfigFile;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.session.Session;
import dev.s3sh.shell.commands.BuildInfo;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.StoreException;
import org.jline.terminal.Terminal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Entry point: {@code s3sh [global options] [COMMAND [ARGS]]}. With a command it runs once and
 * exits; without one it opens the REPL on a terminal, or reads commands from standard input.
 */
public final class Main {
    private static final String USAGE_HEAD = """
            usage: s3sh [global options] [COMMAND [ARGS...]]

            Without COMMAND, s3sh opens an interactive shell (or runs commands read from standard input).
            With COMMAND, it runs that one command and exits (0 ok, 1 failure, 2 usage error, 3 invalid input).

            global options:
            """;
    private static final String USAGE_TAIL = """

            Each option above can also be set in the environment as S3SH_NAME (--ca-bundle: S3SH_CA_BUNDLE;
            a switch: 1 or 0) and in s3sh's file ([settings] quiet = true; connection options in a profile:
            [profile NAME] endpoint = URL); the command line wins over the environment, which wins over the
            file. s3sh never pages its output (PAGER is not read). Ctrl-C ends a command or script with 130.
            Where settings come from, first match wins: these options; the environment (AWS_ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_ENDPOINT_URL[_S3], AWS_PROFILE,
            AWS_CA_BUNDLE); s3sh's profile ($XDG_CONFIG_HOME/s3sh/config); the AWS CLI's profile
            (~/.aws/config, ~/.aws/credentials); s3cmd's ~/.s3cfg. 'profile show' says where each value came from.
            """;

    /** {@code s3sh --help}: the options are those of {@link GlobalOptions#SPEC}, the list the parser reads. */
    static String usage() {
        StringBuilder b = new StringBuilder(USAGE_HEAD);
        for (OptionSpec o : GlobalOptions.SPEC.allOptions()) {
            String left = (o.shortName() != null ? "-" + o.shortName() + ", " : "") + "--" + o.name()
                    + (o.takesValue() ? " " + valueName(o) : "");
            String help = o.name().equals("help") ? "this help; 'help' inside s3sh lists the commands" : o.help();
            b.append(String.format("  %-20s %s%n", left, help));
        }
        return b.append(USAGE_TAIL).toString();
    }

    /** A short list of choices as is ({@code rgw|aws}), else the kind's name ({@code FILE}, {@code FORMAT}). */
    private static String valueName(OptionSpec o) {
        String choices = String.join("|", o.value().choices());
        return o.value().strict() && choices.length() <= 8 ? choices : o.value().name().toUpperCase(java.util.Locale.ROOT);
    }

    private Main() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.getenv(), System.in, System.out, System.err);
        } catch (Throwable t) {
            System.err.println("s3sh: internal error: " + t);
            status = ExitCode.FAILURE;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Global options, then the command words. */
    record Invocation(ConnectionOptions connection, boolean local, boolean debug, boolean noColor,
                      boolean help, boolean version, List<String> defaultArgs, List<String> command, boolean tui,
                      boolean quiet, ParsedArgs given) {
    }

    static Invocation parse(String[] args) {
        return parse(args, Map.of());
    }

    /** The command line, with the S3SH_* variables of {@code env} for the options it does not give. */
    static Invocation parse(String[] args, Map<String, String> env) {
        return parse(args, env, List.of());
    }

    /**
     * The command line, then the S3SH_* variables of {@code env}, then {@code fromSettings} (s3sh's file,
     * {@link GlobalOptionSettings}) for the options neither gives: first match wins.
     */
    static Invocation parse(String[] args, Map<String, String> env, List<String> fromSettings) {
        CommandLineParser.Leading leading = CommandLineParser.parseLeading(GlobalOptions.SPEC, List.of(args));
        List<String> fromEnv = GlobalOptionEnvironment.words(env, leading.options());
        if (!fromEnv.isEmpty() || !fromSettings.isEmpty()) {
            List<String> all = new ArrayList<>(fromSettings);
            all.addAll(fromEnv);
            all.addAll(List.of(args));
            leading = CommandLineParser.parseLeading(GlobalOptions.SPEC, all);
        }
        ParsedArgs o = leading.options();
        boolean local = o.has("local");
        String profile = o.value("profile", null), endpoint = o.value("endpoint", null), cluster = o.value("cluster", null),
                s3cfg = o.value("config", null);
        if (local && (profile != null || endpoint != null || cluster != null || s3cfg != null)) {
            throw new UsageException("--local is its own endpoint: leave out --profile, --endpoint, --cluster and -c");
        }
        List<String> defaults = new ArrayList<>();
        if (o.has("yes")) defaults.add("--yes");
        if (o.has("output")) {
            defaults.add("--output");
            defaults.add(o.output().word());
        }
        return new Invocation(new ConnectionOptions(endpoint, o.value("region", null), o.has("path-style") ? Boolean.TRUE : null,
                local ? "local" : profile, o.value("dialect", null), cluster, s3cfg, o.value("ca-bundle", null), o.has("insecure")),
                local, o.has("debug"), o.has("no-color"), o.has("help"), o.has("version"), defaults, leading.rest(), o.has("tui"),
                o.has("quiet"), o);
    }

    /** One whole run; {@code env} is the only environment s3sh looks at. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream stdout, PrintStream stderr) throws Exception {
        if (args.length == 1 && args[0].equals("__train")) return Training.run(new XdgDirs(env).state());
        if (args.length >= 1 && args[0].equals("__complete")) return complete(List.of(args).subList(1, args.length), env, stdout);
        if (args.length == 1 && args[0].equals("__man")) {
            return print(stdout, ManPage.render(BuiltinCommands.registry(), usage(), BuildInfo.current().version()));
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        Invocation inv;
        try {
            inv = parse(args, env);
        } catch (UsageException e) {
            err.println("s3sh: " + dev.s3sh.session.S3Path.visible(e.getMessage()));
            return ExitCode.USAGE;
        }
        if (inv.help()) {
            out.print(usage());
            out.flush();
            return ExitCode.OK;
        }
        // answered before any configuration is read, so a broken file does not stop it
        if (inv.version()) return print(stdout, BuildInfo.current().text());
        boolean stdinTty = isTty("s3sh.stdin.tty");
        boolean stdoutTty = isTty("s3sh.stdout.tty");
        boolean color = stdoutTty && !inv.noColor() && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty());

        ProfileResolver resolver = new ProfileResolver(env);
        ResolvedProfile resolved;
        S3shConfigFile own;
        try {
            own = resolver.ownConfig();
            List<String> fromSettings = GlobalOptionSettings.words(own, inv.given(), env);
            if (!fromSettings.isEmpty()) inv = parse(args, env, fromSettings);
            resolved = inv.local() ? ResolvedProfile.of(LocalServer.start(projectHome()), "--local (scripts/local-rgw)")
                    : resolver.resolveDetailed(inv.connection());
        } catch (ConfigException | UsageException | StoreException e) {
            err.println("s3sh: " + dev.s3sh.session.S3Path.visible(e.getMessage()));
            // a broken configuration file is invalid input (3), as a broken CORS file is
            return e instanceof UsageException ? ExitCode.USAGE : e instanceof ConfigException ? ExitCode.INVALID_INPUT : ExitCode.FAILURE;
        }
        for (String warning : resolved.warnings()) err.println("s3sh: warning: " + warning);
        if ("never".equalsIgnoreCase(own.setting("color"))) color = false;
        Map<String, String> editorEnv = withEditor(env, own.setting("editor"));
        Profile profile = resolved.profile();
        ProfileCatalog catalog = new ProfileCatalog(resolver, inv.connection());
        catalog.remember(resolved);
        CommandRegistry registry = BuiltinCommands.registry();
        CommandRunner runner = new CommandRunner(registry, inv.debug(), inv.defaultArgs());
        Function<Profile, ObjectStore> stores = inv.debug() ? p -> new S3ObjectStore(p, err) : S3ObjectStore::new;
        try (Session session = new Session(profile, stores)) {
            session.catalog(catalog);
            if (inv.local()) {
                try {
                    LocalServer.seedDemo(session.store());
                } catch (StoreException e) {
                    err.println("s3sh: could not prepare the demo bucket: " + e.getMessage());
                }
            }
            if (!profile.hasCredentials() && inv.command().isEmpty() && !inv.quiet()) {
                err.println("s3sh: no credentials are configured: run './s3sh --local' to try s3sh on a built-in local "
                        + "server, or keep keys in ~/.s3cfg, ~/.aws/credentials or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY "
                        + "(then --profile NAME, --cluster ID or --endpoint URL), or use 'profile add' here.");
            }
            boolean colourWanted = !inv.noColor() && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty());
            FullScreen fullScreen = stdinTty && stdoutTty ? new LanternaFullScreen(null, editorEnv, colourWanted) : FullScreen.NONE;
            Path stateDir = new XdgDirs(env).state();
            EditorLauncher editor = file -> TerminalEditorProcess.run(editorEnv, file);
            if (inv.tui()) {
                if (!inv.command().isEmpty()) {
                    err.println("s3sh: --tui opens the full-screen mode and takes no command");
                    return ExitCode.USAGE;
                }
                CommandContext ctx = FrontEndContexts.fullScreenOnly(session, registry, out, err, editor, fullScreen, color, stateDir);
                return runner.run(ctx, List.of("tui"));
            }
            if (!inv.command().isEmpty()) {
                Prompter prompter = stdinTty ? new StreamPrompter(in, out) : Prompter.NONE;
                CommandContext ctx = FrontEndContexts.oneShot(session, registry, out, err, prompter, editor, fullScreen, color,
                        isTty("s3sh.stderr.tty"), stdout, in, stateDir).toBuilder().quiet(inv.quiet()).build();
                List<String> command = inv.command();
                return runInterruptibly(() -> runner.run(ctx, command));
            }
            if (stdinTty) {
                try (Terminal terminal = SystemTerminal.open(env)) {
                    return new Repl(terminal, session, registry, runner, color && !"dumb".equals(terminal.getType()),
                            stateDir.resolve("history"), stateDir, editorEnv).quiet(inv.quiet()).run();
                }
            }
            CommandContext ctx = FrontEndContexts.script(session, registry, out, err, editor, stdout, stateDir)
                    .toBuilder().quiet(inv.quiet()).build();
            BufferedReader script = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return runInterruptibly(() -> {
                try {
                    return ScriptMode.run(script, ctx, runner);
                } catch (java.io.IOException e) {
                    err.println("s3sh: could not read the commands: " + e.getMessage());
                    return ExitCode.FAILURE;
                }
            });
        }
    }

    private static int print(PrintStream stdout, String text) {
        stdout.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        stdout.flush();
        return ExitCode.OK;
    }

    /** s3sh's {@code editor} setting applies only when neither VISUAL nor EDITOR is set. */
    private static Map<String, String> withEditor(Map<String, String> env, String editor) {
        if (editor == null || env.get("VISUAL") != null || env.get("EDITOR") != null) return env;
        Map<String, String> copy = new HashMap<>(env);
        copy.put("EDITOR", editor);
        return copy;
    }

    /**
     * {@code s3sh __complete [GLOBAL OPTIONS] WORDS... CURRENT}: candidates one per line, for the shell
     * scripts; never an error. Before the command word it completes the global options and their
     * values from {@link GlobalOptions#SPEC}; after it, the command's words with the line's connection.
     */
    static int complete(List<String> words, Map<String, String> env, PrintStream stdout) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        String current = words.isEmpty() ? "" : words.get(words.size() - 1);
        List<String> before = words.subList(0, Math.max(0, words.size() - 1));
        CommandRegistry registry = BuiltinCommands.registry();
        try {
            if (CompleteMode.beforeCommand(registry, before)) {
                // a global option, its value or the command word: no connection is needed, the profile names are read
                ProfileResolver resolver = new ProfileResolver(env);
                try (Session session = new Session(null, S3ObjectStore::new)) {
                    session.catalog(new ProfileCatalog(resolver, ConnectionOptions.NONE));
                    return CompleteMode.global(registry, session, before, current, out);
                }
            }
            Invocation inv = parse(before.toArray(String[]::new), env);
            Profile profile = inv.local() ? LocalServer.start(projectHome()) : new ProfileResolver(env).resolve(inv.connection());
            try (Session session = new Session(profile, S3ObjectStore::new)) {
                return CompleteMode.run(registry, session, inv.command(), current, out);
            }
        } catch (Exception e) {
            return ExitCode.OK; // a completion that cannot be computed offers nothing
        }
    }

    /**
     * Ctrl-C (SIGINT/SIGTERM) on a one-shot command or a script: interrupt it as the REPL does, and let it
     * clean up (abort multipart uploads, delete partial files) for up to 10 s before the JVM exits, with
     * status 130 after SIGINT (the JVM's own exit status for it).
     */
    static int runInterruptibly(java.util.function.IntSupplier command) {
        Thread worker = Thread.currentThread();
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (finished.getCount() == 0) return;
            worker.interrupt();
            try {
                finished.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "s3sh-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return command.getAsInt();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // the hook is running: it sees the latch and returns
            }
        }
    }

    private static boolean isTty(String property) {
        String value = System.getProperty(property);
        if (value != null) return value.equals("1") || value.equals("true");
        return System.console() != null;
    }

    /** The checkout s3sh runs from: set by the launcher, else the folder above shell/target/. */
    static Path projectHome() {
        String home = System.getProperty("s3sh.home");
        if (home != null) return Path.of(home);
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent();
        } catch (Exception e) {
            return Path.of(".").toAbsolutePath();
        }
    }
}
