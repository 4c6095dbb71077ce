package dev.s3sh.shell;

import dev.s3sh.config.ConfigException;
import dev.s3sh.config.ConnectionOptions;
import dev.s3sh.config.Profile;
import dev.s3sh.config.ProfileResolver;
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
import java.util.List;
import java.util.Map;

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
              --local              start (or reuse) the built-in local Ceph RGW and connect to it
              --endpoint URL       S3 endpoint, e.g. http://127.0.0.1:7480 (default: AWS)
              --region REGION      signing region (default: us-east-1)
              --path-style         path-style addressing (default for IP and localhost endpoints)
              --dialect rgw|aws    CORS semantics to assume (default: from the endpoint)
              --output FORMAT      text (default) or json, for every command
              -y, --yes            answer yes to confirmations
              --no-color           no colours (NO_COLOR in the environment does the same)
              --debug              show stack traces of failures
              -h, --help           this help; 'help' inside s3sh lists the commands
            Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
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
                      boolean help, List<String> defaultArgs, List<String> command) {
    }

    static Invocation parse(String[] args) {
        String endpoint = null, region = null, dialect = null;
        Boolean pathStyle = null;
        boolean local = false, debug = false, noColor = false, help = false;
        List<String> defaults = new ArrayList<>();
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) break;
            switch (a) {
                case "--local" -> local = true;
                case "--debug" -> debug = true;
                case "--no-color" -> noColor = true;
                case "--path-style" -> pathStyle = true;
                case "-h", "--help" -> help = true;
                case "-y", "--yes" -> defaults.add("--yes");
                case "--endpoint" -> endpoint = needValue(args, ++i, a);
                case "--region" -> region = needValue(args, ++i, a);
                case "--dialect" -> dialect = choice(needValue(args, ++i, a), a, "rgw", "aws");
                case "-o", "--output" -> {
                    defaults.add("--output");
                    defaults.add(choice(needValue(args, ++i, a), a, "text", "json", "xml", "table"));
                }
                default -> {
                    if (a.startsWith("--output=")) {
                        defaults.add("--output");
                        defaults.add(choice(a.substring(9), "--output", "text", "json", "xml", "table"));
                    } else if (a.startsWith("--endpoint=")) {
                        endpoint = a.substring(11);
                    } else {
                        throw new UsageException("unknown global option " + a + ": see 's3sh --help'");
                    }
                }
            }
        }
        List<String> command = List.of(args).subList(i, args.length);
        return new Invocation(new ConnectionOptions(endpoint, region, pathStyle, local ? "local" : null, dialect),
                local, debug, noColor, help, defaults, command);
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

    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream stdout, PrintStream stderr) throws Exception {
        if (args.length == 1 && args[0].equals("__train")) return Training.run();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        Invocation inv;
        try {
            inv = parse(args);
        } catch (UsageException e) {
            err.println("s3sh: " + e.getMessage());
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

        Profile profile;
        try {
            profile = inv.local() ? LocalServer.start(projectHome()) : new ProfileResolver(env).resolve(inv.connection());
        } catch (ConfigException | UsageException | StoreException e) {
            err.println("s3sh: " + e.getMessage());
            return e instanceof UsageException ? ExitCode.USAGE : ExitCode.FAILURE;
        }
        CommandRegistry registry = BuiltinCommands.registry();
        CommandRunner runner = new CommandRunner(registry, inv.debug(), inv.defaultArgs());
        try (Session session = new Session(profile, S3ObjectStore::new)) {
            if (inv.local()) {
                try {
                    LocalServer.seedDemo(session.store());
                } catch (StoreException e) {
                    err.println("s3sh: could not prepare the demo bucket: " + e.getMessage());
                }
            }
            if (!profile.hasCredentials() && inv.command().isEmpty()) {
                err.println("s3sh: no credentials are configured: run './s3sh --local' to try s3sh on a built-in local "
                        + "server, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and give --endpoint URL for your own.");
            }
            if (!inv.command().isEmpty()) {
                Prompter prompter = stdinTty ? new StreamPrompter(in, out) : Prompter.NONE;
                EditorLauncher editor = file -> TerminalEditorProcess.run(env, file);
                CommandContext ctx = new CommandContext(session, out, err, prompter, editor, registry, color)
                        .showProgress(isTty("s3sh.stderr.tty"));
                return runInterruptibly(() -> runner.run(ctx, inv.command()));
            }
            if (stdinTty) {
                try (Terminal terminal = TerminalBuilder.builder().name("s3sh").system(true).nativeSignals(true).build()) {
                    Path history = new XdgDirs(env).state().resolve("history");
                    return new Repl(terminal, session, registry, runner, color && !"dumb".equals(terminal.getType()),
                            history, env).run();
                }
            }
            CommandContext ctx = new CommandContext(session, out, err, Prompter.NONE,
                    file -> TerminalEditorProcess.run(env, file), registry, false);
            return ScriptMode.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), ctx, runner);
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

    /** The checkout s3sh runs from: set by the launcher, else the folder above target/. */
    static Path projectHome() {
        String home = System.getProperty("s3sh.home");
        if (home != null) return Path.of(home);
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (Exception e) {
            return Path.of(".").toAbsolutePath();
        }
    }
}
