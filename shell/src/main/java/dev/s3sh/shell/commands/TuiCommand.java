package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;

/** {@code tui}: the full-screen mode on the same session; returns here when the user presses q. */
public final class TuiCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("tui")
                .synopsis("tui")
                .summary("open the full-screen mode: browse buckets, edit and test CORS")
                .help("Opens the full-screen mode on this session (same profile, location and caches). "
                        + "Keys: Tab moves between panes, F3 CORS pane, F4 preflight tester, ? help, q comes back here.")
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws Exception {
        ctx.fullScreen().open(ctx);
        return ExitCode.OK;
    }
}
