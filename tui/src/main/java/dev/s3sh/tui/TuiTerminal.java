package dev.s3sh.tui;

import com.googlecode.lanterna.terminal.ansi.UnixTerminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Lanterna's Unix terminal with Ctrl-C trapped (delivered as a key, never {@code System.exit}), and
 * a way to lend the tty to an editor: canonical mode and echo back on while it runs. {@code intr}
 * stays undefined meanwhile, so a Ctrl-C in the editor cannot reach the JVM. For Ctrl-Z the tty is
 * given back exactly as it was found ({@code intr ^C} included), as the shell expects of a stopped
 * job. {@link #close()} restores the settings saved at start (see docs/reliability.md).
 */
final class TuiTerminal extends UnixTerminal {
    TuiTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP);
    }

    void lend() throws IOException {
        canonicalMode(true);
        keyEchoEnabled(true);
    }

    void takeBack() throws IOException {
        canonicalMode(false);
        keyEchoEnabled(false);
    }

    /** Before stopping (Ctrl-Z): the settings saved when the full-screen mode started. */
    void giveBackForSuspend() throws IOException {
        restoreTerminalSettings();
    }

    /** After {@code fg} (or any continue): the full-screen mode's settings again, whatever the shell left. */
    void takeBackAfterResume() throws IOException {
        canonicalMode(false);
        keyEchoEnabled(false);
        keyStrokeSignalsEnabled(false);
    }
}
