package dev.s3sh.shell;

import dev.s3sh.command.CommandContext;
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
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.StoreException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

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
    private static final String USAGE = """
            usage: s3sh [global options] [COMMAND [ARGS...]]

            Without COMMAND, s3sh opens an interactive shell (or runs commands read from standard input).
            With COMMAND, it runs that one command and exits (0 ok, 1 failure, 2 usage error, 3 invalid input).

            global options:
              --profile NAME       profile from s3sh's, the AWS CLI's or s3cmd's files ('s3cfg': the s3cmd file)
              --cluster ID         a Linode cluster, e.g. us-southeast-1 (https://ID.linodeobjects.com)
              -c, --config FILE    s3cmd configuration to use (default: $S3CMD_CONFIG or ~/.s3cfg)
              --tui                open the full-screen mode (browse, edit and test CORS); q leaves
              --local              start (or reuse) the built-in local Ceph RGW and connect to it
              --endpoint URL       S3 endpoint, e.g. http://127.0.0.1:7480 (default: AWS)
              --region REGION      signing region (default: us-east-1)
              --path-style         path-style addressing (default for IP and localhost endpoints)
              --dialect D          CORS semantics: rgw, rgw-2026 or aws (default: from the endpoint)
              --ca-bundle FILE     trust the CA certificates in this PEM file instead of the system's
              --insecure           do not verify TLS certificates (a warning says so)
              --output FORMAT      text (default) or json, for every command
              -y, --yes            answer yes to confirmations
              --no-color           no colours (NO_COLOR in the environment does the same)
              --debug              show each HTTP request and response (secrets redacted) and stack traces
              -h, --help           this help; 'help' inside s3sh lists the commands

            Where settings come from, first match wins: these options; the environment (AWS_ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_ENDPOINT_URL[_S3], AWS_PROFILE,
            AWS_CA_BUNDLE); s3sh's profile ($XDG_CONFIG_HOME/s3sh/config); the AWS CLI's profile
            (~/.aws/config, ~/.aws/credentials); s3cmd's ~/.s3cfg. 'profile show' says where each value came from.
            """;

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
                      boolean help, List<String> defaultArgs, List<String> command, boolean tui) {
    }

    static Invocation parse(String[] args) {
        String endpoint = null, region = null, dialect = null, profile = null, cluster = null, s3cfg = null, caBundle = null;
        Boolean pathStyle = null;
        boolean local = false, debug = false, noColor = false, help = false, insecure = false, tui = false;
        List<String> defaults = new ArrayList<>();
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) break;
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                inline = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            boolean takesValue = switch (a) {
                case "--endpoint", "--region", "--dialect", "-o", "--output", "--profile", "--cluster", "-c", "--config",
                     "--ca-bundle" -> true;
                default -> false;
            };
            if (inline != null && !takesValue) throw new UsageException(a + " takes no value: see 's3sh --help'");
            String value = !takesValue ? null : inline != null ? inline : needValue(args, ++i, a);
            switch (a) {
                case "--local" -> local = true;
                case "--tui" -> tui = true;
                case "--debug" -> debug = true;
                case "--no-color" -> noColor = true;
                case "--path-style" -> pathStyle = true;
                case "--insecure" -> insecure = true;
                case "-h", "--help" -> help = true;
                case "-y", "--yes" -> defaults.add("--yes");
                case "--endpoint" -> endpoint = value;
                case "--region" -> region = value;
                case "--profile" -> profile = value;
                case "--cluster" -> cluster = value;
                case "-c", "--config" -> s3cfg = value;
                case "--ca-bundle" -> caBundle = value;
                case "--dialect" -> dialect = choice(value, a, "rgw", "aws");
                case "-o", "--output" -> {
                    defaults.add("--output");
                    defaults.add(choice(value, "--output", "text", "json", "xml", "table", "csv"));
                }
                default -> throw new UsageException("unknown global option " + a + ": see 's3sh --help'");
            }
        }
        if (local && (profile != null || endpoint != null || cluster != null || s3cfg != null)) {
            throw new UsageException("--local is its own endpoint: leave out --profile, --endpoint, --cluster and -c");
        }
        List<String> command = List.of(args).subList(i, args.length);
        return new Invocation(new ConnectionOptions(endpoint, region, pathStyle, local ? "local" : profile, dialect,
                cluster, s3cfg, caBundle, insecure), local, debug, noColor, help, defaults, command, tui);
    }

    private static String needValue(String[] args, int i, String option) {
        if (i >= args.length) throw new UsageException(option + " needs a value: see 's3sh --help'");
        return args[i];
    }

    private static String choice(String value, String option, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            throw new UsageException(option + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
        }
        return value;
    }

    /** One whole run; {@code env} is the only environment s3sh looks at. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream stdout, PrintStream stderr) throws Exception {
        if (args.length == 1 && args[0].equals("__train")) return Training.run();
        if (args.length >= 1 && args[0].equals("__complete")) return complete(List.of(args).subList(1, args.length), env, stdout);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        Invocation inv;
        try {
            inv = parse(args);
        } catch (UsageException e) {
            err.println("s3sh: " + dev.s3sh.session.S3Path.visible(e.getMessage()));
            return ExitCode.USAGE;
        }
        if (inv.help()) {
            out.print(USAGE);
            out.flush();
            return ExitCode.OK;
        }
        boolean stdinTty = isTty("s3sh.stdin.tty");
        boolean stdoutTty = isTty("s3sh.stdout.tty");
        boolean color = stdoutTty && !inv.noColor() && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty());

        ProfileResolver resolver = new ProfileResolver(env);
        ResolvedProfile resolved;
        S3shConfigFile own;
        try {
            own = resolver.ownConfig();
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
            if (!profile.hasCredentials() && inv.command().isEmpty()) {
                err.println("s3sh: no credentials are configured: run './s3sh --local' to try s3sh on a built-in local "
                        + "server, or keep keys in ~/.s3cfg, ~/.aws/credentials or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY "
                        + "(then --profile NAME, --cluster ID or --endpoint URL), or use 'profile add' here.");
            }
            boolean colourWanted = !inv.noColor() && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty());
            FullScreen fullScreen = stdinTty && stdoutTty ? new LanternaFullScreen(null, editorEnv, colourWanted) : FullScreen.NONE;
            if (inv.tui()) {
                if (!inv.command().isEmpty()) {
                    err.println("s3sh: --tui opens the full-screen mode and takes no command");
                    return ExitCode.USAGE;
                }
                CommandContext ctx = new CommandContext(session, out, err, Prompter.NONE,
                        file -> TerminalEditorProcess.run(editorEnv, file), registry, color)
                        .stateDir(new XdgDirs(env).state())
                        .withFullScreen(fullScreen);
                return runner.run(ctx, List.of("tui"));
            }
            if (!inv.command().isEmpty()) {
                Prompter prompter = stdinTty ? new StreamPrompter(in, out) : Prompter.NONE;
                EditorLauncher editor = file -> TerminalEditorProcess.run(editorEnv, file);
                CommandContext ctx = new CommandContext(session, out, err, prompter, editor, registry, color)
                        .stateDir(new XdgDirs(env).state())
                        .withFullScreen(fullScreen)
                        .showProgress(isTty("s3sh.stderr.tty"))
                        .rawOut(stdout)
                        .rawIn(in);
                return runInterruptibly(() -> runner.run(ctx, inv.command()));
            }
            if (stdinTty) {
                try (Terminal terminal = TerminalBuilder.builder().name("s3sh").system(true).nativeSignals(true).build()) {
                    Path history = new XdgDirs(env).state().resolve("history");
                    return new Repl(terminal, session, registry, runner, color && !"dumb".equals(terminal.getType()),
                            history, editorEnv).run();
                }
            }
            CommandContext ctx = new CommandContext(session, out, err, Prompter.NONE,
                    file -> TerminalEditorProcess.run(editorEnv, file), registry, false).stateDir(new XdgDirs(env).state())
                    .rawOut(stdout);
            return ScriptMode.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), ctx, runner);
        }
    }

    /** s3sh's {@code editor} setting applies only when neither VISUAL nor EDITOR is set. */
    private static Map<String, String> withEditor(Map<String, String> env, String editor) {
        if (editor == null || env.get("VISUAL") != null || env.get("EDITOR") != null) return env;
        Map<String, String> copy = new HashMap<>(env);
        copy.put("EDITOR", editor);
        return copy;
    }

    /** {@code s3sh __complete [GLOBAL OPTIONS] WORDS... CURRENT}: candidates one per line, for the shell scripts; never an error. */
    static int complete(List<String> words, Map<String, String> env, PrintStream stdout) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        String current = words.isEmpty() ? "" : words.get(words.size() - 1);
        try {
            Invocation inv = parse(words.subList(0, Math.max(0, words.size() - 1)).toArray(String[]::new));
            if (inv.command().isEmpty() && current.startsWith("-")) return CompleteMode.globalOptions(current, out);
            Profile profile = inv.command().isEmpty() ? null // a command name needs no connection
                    : inv.local() ? LocalServer.start(projectHome()) : new ProfileResolver(env).resolve(inv.connection());
            try (Session session = new Session(profile, S3ObjectStore::new)) {
                return CompleteMode.run(BuiltinCommands.registry(), session, inv.command(), current, out);
            }
        } catch (Exception e) {
            return ExitCode.OK; // a completion that cannot be computed offers nothing
        }
    }

    /**
     * Ctrl-C (SIGINT/SIGTERM) on a one-shot command: interrupt it as the REPL does, and let it clean up
     * (abort multipart uploads, delete partial files) for up to 10 s before the JVM exits.
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
