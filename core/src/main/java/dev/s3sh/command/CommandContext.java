package dev.s3sh.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.s3sh.session.Session;
import dev.s3sh.text.TerminalText;
import dev.s3sh.text.TerminalWriter;

import java.io.PrintWriter;

/**
 * Everything a command may use: the session, output and error writers, someone to ask, an editor.
 * Commands never see the terminal; this is the seam between them and each front end.
 */
public final class CommandContext {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    static {
        JSON.getFactory().setCharacterEscapes(dev.s3sh.text.JsonTerminalEscapes.INSTANCE);
    }

    private final Session session;
    private final PrintWriter out;
    /** The front end's output as it is, for {@link #println(dev.s3sh.text.StyledLine)}, which escapes span by span. */
    private final PrintWriter styledOut;
    private final PrintWriter err;
    /** The front end's error stream as it is, for progress lines (they redraw with \r). */
    private final PrintWriter progressErr;
    private final Prompter prompter;
    private final EditorLauncher editor;
    private final CommandRegistry registry;
    private final boolean color;
    private volatile boolean exitRequested;
    private volatile java.nio.file.Path stateDir;
    private volatile FullScreen fullScreen = FullScreen.NONE;
    private volatile boolean progressVisible;
    private volatile java.io.OutputStream rawOut;
    private volatile java.io.InputStream rawIn;

    public CommandContext(Session session, PrintWriter out, PrintWriter err, Prompter prompter,
                          EditorLauncher editor, CommandRegistry registry, boolean color) {
        this.session = session;
        // the output seam: whatever a command prints is escaped for the terminal (TerminalWriter)
        this.out = TerminalWriter.wrap(out);
        this.styledOut = out;
        this.err = TerminalWriter.wrap(err);
        this.progressErr = err;
        this.prompter = prompter;
        this.editor = editor;
        this.registry = registry;
        this.color = color;
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

    /**
     * Where s3sh keeps state between runs (CORS history, edit files): {@code $XDG_STATE_HOME/s3sh}
     * unless a front end or a test set another.
     */
    public java.nio.file.Path stateDir() {
        java.nio.file.Path dir = stateDir;
        return dir != null ? dir : new XdgDirs(System.getenv()).state();
    }

    public CommandContext stateDir(java.nio.file.Path dir) {
        this.stateDir = dir;
        return this;
    }

    /** The full-screen mode, when the front end owns a terminal; {@link FullScreen#NONE} otherwise. */
    public FullScreen fullScreen() {
        return fullScreen;
    }

    /** Set by the front end that can hand its terminal to the full-screen mode (the REPL, a one-shot run on a tty). */
    public CommandContext withFullScreen(FullScreen value) {
        this.fullScreen = java.util.Objects.requireNonNull(value);
        return this;
    }

    /** Front ends whose error stream is a terminal turn progress lines on; they are off by default. */
    public CommandContext showProgress(boolean visible) {
        this.progressVisible = visible;
        return this;
    }

    /**
     * A progress line for a transfer of {@code totalBytes} (0 if unknown), drawn on the error stream
     * only when it is a terminal and the output is not JSON; otherwise a silent handle.
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
        if (!progressVisible || args.json() || "csv".equals(args.output())) return Progress.NONE;
        return new Progress(progressErr, TerminalText.visible(label), total, System::nanoTime, unit);
    }

    /**
     * Standard output as bytes, for {@code get SRC -}: set by one-shot and script runs, where it is a
     * pipe or a file the user chose; the REPL and the full-screen mode have none (raw bytes would
     * garble the screen).
     */
    public java.util.Optional<java.io.OutputStream> rawOut() {
        return java.util.Optional.ofNullable(rawOut);
    }

    public CommandContext rawOut(java.io.OutputStream stream) {
        this.rawOut = stream;
        return this;
    }

    /**
     * Standard input as bytes, for {@code put - DEST}: set by one-shot runs only (a script's standard
     * input is the script; the REPL's is the keyboard).
     */
    public java.util.Optional<java.io.InputStream> rawIn() {
        return java.util.Optional.ofNullable(rawIn);
    }

    public CommandContext rawIn(java.io.InputStream stream) {
        this.rawIn = stream;
        return this;
    }

    public void requestExit() {
        exitRequested = true;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    /** Prints one JSON document on one line. */
    public void printJson(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        out.flush();
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
}
