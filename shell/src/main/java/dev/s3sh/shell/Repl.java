package dev.s3sh.shell;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.Prompter;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.Tokenizer;
import dev.s3sh.command.XdgDirs;

import dev.s3sh.completions.CompletionEngine;
import dev.s3sh.shell.ShellCompleter;
import dev.s3sh.shell.ShellHighlighter;
import dev.s3sh.session.Session;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The interactive shell on a JLine terminal. Each command runs on a worker thread so that Ctrl-C
 * can interrupt it and bring the prompt back with the session intact.
 */
public final class Repl {
    private final Terminal terminal;
    private final Session session;
    private final CommandRegistry registry;
    private final CommandRunner runner;
    private final boolean color;
    private final Path historyFile;
    private final Path stateDir;
    private final java.util.Map<String, String> env;
    /** How long the first Ctrl-C may take to stop a command before the shell says what a second one does. */
    private static final long STOP_HINT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private ExecutorService worker;

    /** A REPL whose state (CORS history, edit files) lives where {@code env}'s XDG variables say. */
    public Repl(Terminal terminal, Session session, CommandRegistry registry, CommandRunner runner,
                boolean color, Path historyFile, java.util.Map<String, String> env) {
        this(terminal, session, registry, runner, color, historyFile, new XdgDirs(env).state(), env);
    }

    public Repl(Terminal terminal, Session session, CommandRegistry registry, CommandRunner runner,
                boolean color, Path historyFile, Path stateDir, java.util.Map<String, String> env) {
        this.terminal = terminal;
        this.session = session;
        this.registry = registry;
        this.runner = runner;
        this.color = color;
        this.historyFile = historyFile;
        this.stateDir = stateDir;
        this.env = env;
    }

    private boolean quiet;

    /** {@code --quiet}: no progress lines and no notices from commands; errors still show. */
    public Repl quiet(boolean value) {
        this.quiet = value;
        return this;
    }

    /** The one sentence about a history file that cannot be kept, shown once between lines. */
    private final AtomicReference<String> historyNotice = new AtomicReference<>();

    private void showHistoryNotice() {
        String notice = historyNotice.getAndSet(null);
        if (notice == null) return;
        terminal.writer().println("s3sh: warning: " + dev.s3sh.text.TerminalText.visible(notice));
        terminal.flush();
    }

    /** JLine reads lines with s3sh's own tokenizer, so Tab, colours and Enter see the same words. */
    public static Parser parser() {
        return new ShellLineParser();
    }

    public int run() {
        Attributes before = withoutQuitKey(terminal);
        try {
            return runLines();
        } finally {
            if (before != null) terminal.setAttributes(before);
        }
    }

    /**
     * Ctrl-\ makes the terminal send SIGQUIT, on which the JVM prints a thread dump into the
     * operator's screen. The JVM cannot hand that signal to us (it keeps SIGQUIT for the dump and
     * for jcmd's attach), and -Xrs or -XX:+ReduceSignalUsage would make Ctrl-\ kill the shell and
     * break jcmd. So the REPL turns the quit key off in its own terminal while it runs (as readline
     * programs that own the line do with other keys) and gives the settings back at the end.
     * Returns the settings to restore, or null when they could not be changed.
     */
    static Attributes withoutQuitKey(Terminal terminal) {
        try {
            Attributes before = terminal.getAttributes();
            Attributes noQuit = new Attributes(before);
            // _POSIX_VDISABLE: 0 on Linux, 0xff on the BSDs and macOS
            boolean bsd = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).matches(".*(mac|bsd|darwin).*");
            noQuit.setControlChar(Attributes.ControlChar.VQUIT, bsd ? 0xff : 0);
            terminal.setAttributes(noQuit);
            return before;
        } catch (RuntimeException e) {
            return null; // a terminal without settings (dumb): nothing to turn off
        }
    }

    private int runLines() {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("s3sh")
                .parser(parser())
                .completer(new ShellCompleter(CompletionEngine.forSession(session, registry), color))
                .highlighter(new ShellHighlighter(registry, color))
                .history(new SecretFilteringHistory(session::knownSecrets, historyFile, historyNotice::set))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_FILE_SIZE, 5000)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        try {
            Files.createDirectories(historyFile.getParent());
        } catch (Exception ignored) {
            // history then lives in memory only
        }
        PrintWriter out = terminal.writer();
        Prompter prompter = new ReaderPrompter(reader);
        CommandContext ctx = FrontEndContexts.repl(session, registry, out, prompter, new TerminalEditor(terminal, env),
                new LanternaFullScreen(terminal, env, color), color, !"dumb".equals(terminal.getType()), stateDir)
                .toBuilder().quiet(quiet).build();
        worker = newWorker();
        int last = ExitCode.OK;
        try {
            boolean leave = false;
            while (!leave) {
                String line;
                try {
                    showHistoryNotice();
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt clears the line
                } catch (EndOfFileException e) {
                    break;
                }
                showHistoryNotice();
                List<String> words;
                try {
                    words = Tokenizer.words(line);
                } catch (UsageException e) {
                    // a line that cannot be split (an unbalanced quote) is reported; the shell carries on
                    terminal.writer().println(dev.s3sh.session.S3Path.visible(e.getMessage()));
                    terminal.flush();
                    last = ExitCode.USAGE;
                    continue;
                }
                if (words.isEmpty()) continue;
                CommandRunner.Outcome outcome = runInterruptibly(ctx, words);
                last = outcome.status();
                leave = outcome.leave();
            }
        } finally {
            worker.shutdownNow();
            try {
                reader.getHistory().save();
            } catch (Exception ignored) {
                // losing history is not worth an error at exit
            }
        }
        return last;
    }

    /**
     * Runs one command on the worker thread. The first Ctrl-C interrupts it: the command stops and
     * says so in its own words (store calls wait interruptibly, so this is quick), and whatever it
     * must tell (an edit file kept, an upload aborted) comes before the next prompt. Should it not
     * end, a second Ctrl-C leaves it to finish in the background on its own thread.
     */
    private CommandRunner.Outcome runInterruptibly(CommandContext ctx, List<String> words) {
        AtomicReference<Thread> running = new AtomicReference<>();
        AtomicInteger presses = new AtomicInteger();
        AtomicLong firstPress = new AtomicLong();
        Future<CommandRunner.Outcome> future = worker.submit(() -> {
            Thread.interrupted(); // a Ctrl-C that reached the previous command just as it ended
            running.set(Thread.currentThread());
            if (presses.get() > 0) Thread.currentThread().interrupt(); // pressed before the command started
            try {
                return runner.execute(ctx, words);
            } finally {
                running.set(null);
            }
        });
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> {
            if (presses.incrementAndGet() == 1) {
                firstPress.set(System.nanoTime());
                Thread t = running.get();
                if (t != null) t.interrupt();
            } else {
                future.cancel(true);
            }
        });
        boolean hinted = false;
        try {
            while (true) {
                try {
                    return future.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (!hinted && presses.get() == 1 && System.nanoTime() - firstPress.get() > STOP_HINT_NANOS) {
                        terminal.writer().println("stopping... (Ctrl-C again leaves the command to finish in the background)");
                        terminal.flush();
                        hinted = true;
                    }
                }
            }
        } catch (CancellationException e) {
            terminal.writer().println("interrupted: the command goes on in the background, and what it prints may still appear");
            terminal.flush();
            worker.shutdown(); // its thread ends with the command; the next command gets a fresh one
            worker = newWorker();
            return new CommandRunner.Outcome(ExitCode.FAILURE, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandRunner.Outcome(ExitCode.FAILURE, false);
        } catch (ExecutionException e) {
            terminal.writer().println("internal error: " + e.getCause());
            return new CommandRunner.Outcome(ExitCode.FAILURE, false);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "s3sh-command");
            t.setDaemon(true);
            return t;
        });
    }

    private String prompt() {
        String name = session.profile() == null ? "none" : session.profile().name();
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.style(color ? AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN) : AttributedStyle.DEFAULT).append(name);
        b.style(AttributedStyle.DEFAULT).append(' ');
        b.style(color ? AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE).bold() : AttributedStyle.DEFAULT)
                .append(session.cwd().toString());
        b.style(AttributedStyle.DEFAULT).append(" > ");
        return b.toAnsi(terminal);
    }

    /** Asks through the same line reader, so history and editing keys behave. */
    private static final class ReaderPrompter implements Prompter {
        private final LineReader reader;

        ReaderPrompter(LineReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean interactive() {
            return true;
        }

        @Override
        public String readSecret(String prompt) {
            try {
                // a secret never goes to history, whatever it looks like
                reader.setVariable(LineReader.DISABLE_HISTORY, true);
                return reader.readLine(prompt, '\0');
            } catch (UserInterruptException | EndOfFileException e) {
                return null;
            } finally {
                reader.setVariable(LineReader.DISABLE_HISTORY, false);
            }
        }

        @Override
        public String readLine(String prompt) {
            try {
                // prompts are not commands: keep them out of history
                reader.setVariable(LineReader.DISABLE_HISTORY, true);
                return reader.readLine(prompt);
            } catch (UserInterruptException | EndOfFileException e) {
                return null;
            } finally {
                reader.setVariable(LineReader.DISABLE_HISTORY, false);
            }
        }
    }
}
