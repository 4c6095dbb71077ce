package dev.s3sh.shell;

import dev.s3sh.session.Session;

/**
 * Opens the full-screen mode on the session and returns when the user leaves it. The front end that
 * owns the terminal provides it (the REPL, or a one-shot run on a tty); the {@code tui} command only
 * calls it, so commands still never touch the terminal.
 */
public interface FullScreen {
    void open(Session session) throws Exception;

    /** Where there is no terminal to take over (scripts, pipes). */
    FullScreen NONE = session -> {
        throw new UsageException("the full-screen mode needs a terminal: run 'tui' in the s3sh shell, or 's3sh --tui', in a terminal");
    };
}
