package dev.s3sh.shell;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

import java.io.IOException;
import java.util.Map;

/**
 * The REPL's terminal, built without three start-up costs JLine has by default (measured in a pty
 * with JDK 25 and 17, main thread's CPU and the processes started): it loads every provider it
 * knows before choosing one, and on JDK 22+ its FFM provider generates its native call stubs then
 * (~100 ms of CPU before the prompt); its exec provider runs {@code test -t 1} to ask whether
 * standard output is a terminal; and it runs {@code infocmp} for the terminal's capabilities even
 * for the types it ships itself. JNI alone does the job where JLine ships its small native library
 * (Linux, macOS, Windows); elsewhere the terminal is built as before.
 */
final class SystemTerminal {
    private SystemTerminal() {
    }

    static Terminal open(Map<String, String> env) throws IOException {
        useShippedCapabilities(env.get("TERM"));
        Terminal jni = jniOnly(base()).build();
        if (!isDumb(jni) || isDumb(env.get("TERM"))) return jni;
        jni.close(); // no JNI library for this platform: JLine's own choice, FFM or processes
        return base().build();
    }

    /** The provider settings of {@link #open}, for a terminal on other streams (the archive's training). */
    static TerminalBuilder jniOnly(TerminalBuilder builder) {
        return builder.jni(true).ffm(false).exec(false).jna(false).jansi(false);
    }

    private static TerminalBuilder base() {
        // a dumb terminal is expected when output is piped: no JLine warning on standard error
        return TerminalBuilder.builder().name("s3sh").system(true).nativeSignals(true).dumb(true);
    }

    private static boolean isDumb(Terminal terminal) {
        return isDumb(terminal.getType());
    }

    private static boolean isDumb(String type) {
        return type != null && (type.equals("dumb") || type.equals("dumb-color"));
    }

    /**
     * For a terminal type JLine ships capabilities for (xterm, xterm-256color, screen, rxvt, ...), use
     * those instead of asking {@code infocmp}: the same table JLine falls back on without it. Other
     * types still go to {@code infocmp}, as before.
     */
    static void useShippedCapabilities(String type) {
        if (type == null || type.isEmpty() || InfoCmp.getLoadedInfoCmp(type) != null) return;
        String shipped = InfoCmp.getDefaultInfoCmp(type);
        if (shipped != null) InfoCmp.setLoadedInfoCmp(type, shipped);
    }
}
