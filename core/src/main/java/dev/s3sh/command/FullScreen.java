package dev.s3sh.command;


/**
 * Opens the full-screen mode on the session and returns when the user leaves it. The front end that
 * owns the terminal provides it (the REPL, or a one-shot run on a tty); the {@code tui} command only
 * calls it, so commands still never touch the terminal.
 */
public interface FullScreen {
    /** Takes the terminal over for {@code ctx}'s session and gives it back on exit. */
    void open(CommandContext ctx) throws Exception;

    /** Where there is no terminal to take over (scripts, pipes). */
    FullScreen NONE = ctx -> {
        throw new UsageException("the full-screen mode needs a terminal: run 'tui' in the s3sh shell, or 's3sh --tui', in a terminal");
    };
}
