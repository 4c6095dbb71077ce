package dev.s3sh.shell;

import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.session.Session;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.StoreException;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;

/**
 * The hidden {@code __train} command the launcher runs once to build the class archive: it walks
 * the start path a real session takes (client built, one signed request, a terminal and line
 * reader set up, a command parsed and run) without needing a server.
 */
final class Training {
    private Training() {
    }

    static int run() throws Exception {
        Profile profile = new Profile("train", URI.create("http://127.0.0.1:9"), "us-east-1",
                "TRAININGACCESSKEY000", "training-secret-not-real", null, true, "rgw");
        CommandRegistry registry = BuiltinCommands.registry();
        CommandRunner runner = new CommandRunner(registry, false, List.of());
        try (Session session = new Session(profile, S3ObjectStore::new)) {
            StringWriter sink = new StringWriter();
            PrintWriter out = new PrintWriter(sink);
            CommandContext ctx = new CommandContext(session, out, out, Prompter.NONE, f -> { }, registry, false);
            runner.run(ctx, List.of("ls", "-l", "s3://bucket/prefix/"));
            runner.run(ctx, List.of("help", "ls"));
            try {
                session.store().getCors("bucket");
            } catch (StoreException expected) {
                // nothing listens on port 9: the request path is what we train
            }
            CorsXml.write(LocalServer.tutorialExample());
        }
        try (Terminal terminal = TerminalBuilder.builder().streams(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream()).type("xterm-256color").dumb(false).build()) {
            LineReaderBuilder.builder().terminal(terminal).parser(Repl.parser()).build();
        }
        return ExitCode.OK;
    }
}
