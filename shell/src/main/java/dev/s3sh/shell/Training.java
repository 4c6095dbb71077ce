package dev.s3sh.shell;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.command.ExitCode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.s3sh.config.Profile;
import dev.s3sh.session.Session;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.command.GlobalOptionSettings;
import dev.s3sh.config.ProfileResolver;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The hidden {@code __train} command the launcher runs once to build the class archive. It walks
 * the path a real session takes — client built, signed requests sent and their XML answers parsed,
 * errors turned into sentences, a terminal and line reader set up — against a canned S3 answerer
 * on a loopback port of its own, so that no server and no credentials are needed.
 */
final class Training {
    private static final String NS = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    private static final String BUCKETS = "<ListAllMyBucketsResult " + NS + "><Owner><ID>o</ID></Owner><Buckets>"
            + "<Bucket><Name>b</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>";
    private static final String LISTING = "<ListBucketResult " + NS + "><Name>b</Name><Prefix></Prefix><KeyCount>2</KeyCount>"
            + "<MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>false</IsTruncated>"
            + "<Contents><Key>k</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>\"e\"</ETag><Size>1</Size>"
            + "<StorageClass>STANDARD</StorageClass></Contents><CommonPrefixes><Prefix>p/</Prefix></CommonPrefixes></ListBucketResult>";
    private static final String CORS = "<CORSConfiguration " + NS + "><CORSRule><AllowedMethod>GET</AllowedMethod>"
            + "<AllowedOrigin>https://example.com</AllowedOrigin><MaxAgeSeconds>60</MaxAgeSeconds></CORSRule></CORSConfiguration>";
    private static final String NO_SUCH = "<Error><Code>NoSuchBucket</Code><Message></Message></Error>";

    private Training() {
    }

    static int run(java.nio.file.Path stateDir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", Training::answer);
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            Profile profile = new Profile("train", endpoint, "us-east-1", "TRAININGACCESSKEY000", "training-secret-not-real",
                    null, true, "rgw");
            CommandRegistry registry = BuiltinCommands.registry();
            CommandRunner runner = new CommandRunner(registry, false, List.of());
            try (Session session = new Session(profile, S3ObjectStore::new)) {
                PrintWriter out = new PrintWriter(new StringWriter());
                CommandContext ctx = FrontEndContexts.training(session, registry, out, stateDir);
                for (List<String> command : List.of(List.of("ls"), List.of("ls", "-l", "s3://b/"), List.of("cd", "b"),
                        List.of("cors", "show", "s3://b"), List.of("cors", "check", "s3://b", "--origin", "https://example.com",
                                "--method", "GET", "--output", "json"), List.of("ls", "s3://missing/"), List.of("help", "ls"))) {
                    runner.run(ctx, command);
                }
                replStart(endpoint, session, registry, runner);
            }
        } finally {
            server.stop(0);
        }
        return ExitCode.OK;
    }

    /**
     * What runs before the REPL's first prompt, most of which the archive did not hold (measured:
     * 171 classes of the prompt's path came from the jars with JDK 17): the configuration read as
     * Main reads it (in an empty home: the user's files are not read), then a REPL on a
     * pseudo-terminal of the provider the real one uses, drawing its prompt and running three lines.
     */
    private static void replStart(URI endpoint, Session session, CommandRegistry registry, CommandRunner runner)
            throws Exception {
        Path home = Files.createTempDirectory("s3sh-train");
        try {
            Map<String, String> env = Map.of("HOME", home.toString(), "AWS_ACCESS_KEY_ID", "TRAININGACCESSKEY000",
                    "AWS_SECRET_ACCESS_KEY", "training-secret-not-real");
            ProfileResolver resolver = new ProfileResolver(env);
            GlobalOptionSettings.words(resolver.ownConfig(), Main.parse(new String[] {"--endpoint", endpoint.toString()}, env).given(), env);
            resolver.resolveDetailed(Main.parse(new String[] {"--endpoint", endpoint.toString()}, env).connection());
            SystemTerminal.useShippedCapabilities("xterm-256color");
            byte[] lines = "pwd\ncd b\nexit\n".getBytes(StandardCharsets.UTF_8);
            try (Terminal terminal = SystemTerminal.jniOnly(TerminalBuilder.builder()).streams(new ByteArrayInputStream(lines),
                    new ByteArrayOutputStream()).type("xterm-256color").size(new Size(120, 40)).build()) {
                Repl repl = new Repl(terminal, session, registry, runner, true, home.resolve("history"), home, env);
                // a line reader that never sees its input end must not keep the training run alive
                Thread run = new Thread(repl::run, "s3sh-train-repl");
                run.setDaemon(true);
                run.start();
                run.join(20_000);
            }
            Repl.parser().parse("cors check --origin '' $'x\\ty'", 10, org.jline.reader.Parser.ParseContext.COMPLETE);
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        int status = 200;
        String body;
        if (path.startsWith("/missing")) {
            status = 404;
            body = NO_SUCH;
        } else if (path.equals("/")) {
            body = BUCKETS;
        } else if (query.contains("cors")) {
            body = CORS;
        } else if (exchange.getRequestMethod().equals("HEAD")) {
            body = "";
        } else {
            body = LISTING;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
