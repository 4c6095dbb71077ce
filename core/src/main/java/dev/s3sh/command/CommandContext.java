package dev.s3sh.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.s3sh.session.Session;
import dev.s3sh.text.TerminalText;
import dev.s3sh.text.TerminalWriter;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a command may use: the session, output and error writers, someone to ask, an editor,
 * the full-screen mode, where state is kept. Commands never see the terminal; this is the seam
 * between them and each front end. It is immutable: a front end gives every collaborator when it
 * builds the context ({@link #builder}), and a front end that needs a variant builds another
 * ({@link #toBuilder}). Nothing here reads the environment.
 */
public final class CommandContext {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    static {
        JSON.getFactory().setCharacterEscapes(dev.s3sh.text.JsonTerminalEscapes.INSTANCE);
    }

    private final Session session;
    private final CommandRegistry registry;
    /** The writers as the front end gave them, for {@link #toBuilder}. */
    private final PrintWriter givenOut;
    private final PrintWriter givenErr;
    private final PrintWriter out;
    /** The front end's output as it is, for {@link #println(dev.s3sh.text.StyledLine)}, which escapes span by span. */
    private final PrintWriter styledOut;
    private final PrintWriter err;
    /** The front end's error stream as it is, for progress lines (they redraw with \r). */
    private final PrintWriter progressErr;
    private final Prompter prompter;
    private final EditorLauncher editor;
    private final boolean color;
    private final Path stateDir;
    private final FullScreen fullScreen;
    private final boolean progressVisible;
    private final boolean quiet;
    private final OutputStream rawOut;
    private final InputStream rawIn;

    private CommandContext(Builder b) {
        this.session = b.session;
        this.registry = b.registry;
        this.givenOut = Objects.requireNonNull(b.out, "out");
        this.givenErr = Objects.requireNonNull(b.err, "err");
        // the output seam: whatever a command prints is escaped for the terminal (TerminalWriter)
        this.out = TerminalWriter.wrap(givenOut);
        this.styledOut = givenOut;
        this.err = TerminalWriter.wrap(givenErr);
        this.progressErr = givenErr;
        this.prompter = Objects.requireNonNull(b.prompter, "prompter");
        this.editor = Objects.requireNonNull(b.editor, "editor");
        this.color = b.color;
        this.stateDir = Objects.requireNonNull(b.stateDir, "stateDir: the front end says where state is kept");
        this.fullScreen = Objects.requireNonNull(b.fullScreen, "fullScreen");
        this.progressVisible = b.progressVisible && !b.quiet;
        this.quiet = b.quiet;
        this.rawOut = b.rawOut;
        this.rawIn = b.rawIn;
    }

    /**
     * A context for {@code session}; {@code out}, {@code err} and {@code stateDir} must be given.
     * Unless set: nobody to ask ({@link Prompter#NONE}), no editor, no colour, no full-screen mode,
     * no progress lines, no raw standard streams.
     */
    public static Builder builder(Session session, CommandRegistry registry) {
        return new Builder(session, registry);
    }

    /** A builder holding this context's collaborators, for a variant of it. */
    public Builder toBuilder() {
        Builder b = new Builder(session, registry);
        b.out = givenOut;
        b.err = givenErr;
        b.prompter = prompter;
        b.editor = editor;
        b.color = color;
        b.stateDir = stateDir;
        b.fullScreen = fullScreen;
        b.progressVisible = progressVisible;
        b.quiet = quiet;
        b.rawOut = rawOut;
        b.rawIn = rawIn;
        return b;
    }

    public Session session() {
        return session;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Prompter prompter() {
        return prompter;
    }

    public EditorLauncher editor() {
        return editor;
    }

    public CommandRegistry registry() {
        return registry;
    }

    /** True when output may carry ANSI colours (a terminal, and NO_COLOR unset). */
    public boolean color() {
        return color;
    }

    /**
     * Prints a line of toned spans: coloured when {@link #color()}, plain otherwise. The only way a
     * command's output carries colour; every span's text is escaped ({@link dev.s3sh.text.StyledLine#render}).
     */
    public void println(dev.s3sh.text.StyledLine line) {
        synchronized (out) {
            out.flush();
            styledOut.println(line.render(color));
            styledOut.flush();
        }
    }

    /** Where s3sh keeps state between runs (CORS history, edit files), as the front end chose it. */
    public Path stateDir() {
        return stateDir;
    }

    /** The full-screen mode, when the front end owns a terminal; {@link FullScreen#NONE} otherwise. */
    public FullScreen fullScreen() {
        return fullScreen;
    }

    /**
     * A notice on the error stream: what happened besides the command's output (a transfer's summary,
     * say), dropped under {@code --quiet}. Errors and warnings go to {@link #err()} and always show.
     */
    public void notice(String line) {
        if (!quiet) err.println(line);
    }

    /**
     * What an operation did (uploaded, deleted, created), on the output, dropped under {@code --quiet}
     * as the AWS CLI's {@code --quiet} drops it; data a command was asked for (a listing, a document)
     * is printed with {@link #out()} and always shows.
     */
    public void report(String line) {
        if (!quiet) out.println(line);
    }

    /**
     * A progress line for a transfer of {@code totalBytes} (0 if unknown), drawn on the error stream
     * only when the front end turned progress on (its error stream is a terminal) and the output is
     * not JSON; otherwise a silent handle.
     */
    public Progress progress(ParsedArgs args, String label, long totalBytes) {
        if (!progressVisible || args.json()) return Progress.NONE;
        return new Progress(progressErr, TerminalText.visible(label), totalBytes, System::nanoTime);
    }

    /**
     * A progress line counting {@code total} things ({@code unit}, e.g. "buckets"), on the same terms
     * as {@link #progress}: drawn only on a terminal and never with JSON or CSV output.
     */
    public Progress progressCount(ParsedArgs args, String label, long total, String unit) {
        if (!progressVisible || args.json() || args.output() == OutputFormat.CSV) return Progress.NONE;
        return new Progress(progressErr, TerminalText.visible(label), total, System::nanoTime, unit);
    }

    /**
     * Standard output as bytes, for {@code get SRC -}: given by one-shot and script runs, where it is
     * a pipe or a file the user chose; the REPL and the full-screen mode have none (raw bytes would
     * garble the screen).
     */
    public Optional<OutputStream> rawOut() {
        return Optional.ofNullable(rawOut);
    }

    /** Standard input as bytes, for {@code put - DEST}: given by one-shot runs only. */
    public Optional<InputStream> rawIn() {
        return Optional.ofNullable(rawIn);
    }

    /** Prints one JSON document on one line. */
    public void printJson(Object value) {
        out.println(json(value));
        out.flush();
    }

    /** One value as JSON text on one line, for a command that streams a document piece by piece. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Asks before a change. {@code --yes} answers yes; with nobody to ask the command is refused
     * with a reason rather than guessed.
     */
    public boolean confirm(ParsedArgs args, String question) {
        if (args.has("yes")) return true;
        if (!prompter.interactive()) {
            throw new UsageException("refusing to " + question + " without confirmation: input is not a terminal, add --yes");
        }
        return prompter.confirm(question.substring(0, 1).toUpperCase() + question.substring(1) + "?");
    }

    /** Collects a context's collaborators; {@link #build} checks that the required ones are there. */
    public static final class Builder {
        private final Session session;
        private final CommandRegistry registry;
        private PrintWriter out;
        private PrintWriter err;
        private Prompter prompter = Prompter.NONE;
        private EditorLauncher editor = file -> {
            throw new UsageException("there is no editor here: run this in the s3sh shell or one-shot in a terminal");
        };
        private boolean color;
        private Path stateDir;
        private FullScreen fullScreen = FullScreen.NONE;
        private boolean progressVisible;
        private boolean quiet;
        private OutputStream rawOut;
        private InputStream rawIn;

        private Builder(Session session, CommandRegistry registry) {
            this.session = session;
            this.registry = registry;
        }

        public Builder out(PrintWriter value) {
            this.out = value;
            return this;
        }

        public Builder err(PrintWriter value) {
            this.err = value;
            return this;
        }

        public Builder prompter(Prompter value) {
            this.prompter = value;
            return this;
        }

        public Builder editor(EditorLauncher value) {
            this.editor = value;
            return this;
        }

        public Builder color(boolean value) {
            this.color = value;
            return this;
        }

        public Builder stateDir(Path value) {
            this.stateDir = value;
            return this;
        }

        public Builder fullScreen(FullScreen value) {
            this.fullScreen = value;
            return this;
        }

        /** Front ends whose error stream is a terminal turn progress lines on. */
        public Builder progressVisible(boolean value) {
            this.progressVisible = value;
            return this;
        }

        /** {@code --quiet}: no progress lines, no {@link #notice notices}. */
        public Builder quiet(boolean value) {
            this.quiet = value;
            return this;
        }

        public Builder rawOut(OutputStream value) {
            this.rawOut = value;
            return this;
        }

        public Builder rawIn(InputStream value) {
            this.rawIn = value;
            return this;
        }

        public CommandContext build() {
            return new CommandContext(this);
        }
    }
}
