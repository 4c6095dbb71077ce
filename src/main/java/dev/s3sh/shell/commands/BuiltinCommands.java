package dev.s3sh.shell.commands;

import dev.s3sh.shell.CommandRegistry;

/** The one place where commands are registered; each line is one command. */
public final class BuiltinCommands {
    private BuiltinCommands() {
    }

    public static CommandRegistry registry() {
        return new CommandRegistry()
                .register(new LsCommand())
                .register(new CdCommand())
                .register(new PwdCommand())
                .register(new InfoCommand())
                .register(new CorsCheckCommand())
                .register(new CorsLintCommand())
                .register(new TuiCommand())
                .register(new HelpCommand())
                .register(new ExitCommand());
    }
}
