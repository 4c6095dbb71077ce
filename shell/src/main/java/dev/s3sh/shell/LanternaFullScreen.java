package dev.s3sh.shell;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.FullScreen;

import dev.s3sh.tui.ServiceCorsActions;
import dev.s3sh.tui.ServiceDocumentActions;
import dev.s3sh.tui.TuiLauncher;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

import java.util.Map;

/**
 * The full-screen mode on the real terminal. Inside the REPL ({@code jline} not null) the JLine
 * terminal is idle while a command runs; its attributes are saved before Lanterna takes the tty and
 * set back after Lanterna's terminal is closed, and JLine's window-size handler, which Lanterna's
 * replaces, is registered again.
 */
final class LanternaFullScreen implements FullScreen {
    private final Terminal jline;
    private final Map<String, String> env;
    private final boolean colour;

    LanternaFullScreen(Terminal jline, Map<String, String> env, boolean colour) {
        this.jline = jline;
        this.env = env;
        this.colour = colour;
    }

    @Override
    public void open(CommandContext ctx) throws Exception {
        Attributes saved = null;
        if (jline != null) {
            jline.flush();
            saved = jline.getAttributes();
        }
        try {
            TuiLauncher.run(ctx.session(), ctx.stateDir(), colour, env.get("TERM"), file -> TerminalEditorProcess.run(env, file),
                    new ServiceCorsActions(ctx.session(), ctx.stateDir()),
                    java.util.List.of(ServiceDocumentActions.policy(ctx.session(), ctx.stateDir()),
                            ServiceDocumentActions.lifecycle(ctx.session(), ctx.stateDir())));
        } finally {
            if (jline != null) {
                jline.setAttributes(saved);
                Terminal.SignalHandler winch = jline.handle(Terminal.Signal.WINCH, Terminal.SignalHandler.SIG_DFL);
                jline.handle(Terminal.Signal.WINCH, winch);
                jline.flush();
            }
        }
    }
}
