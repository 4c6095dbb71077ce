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
                .register(new StatCommand())
                .register(CatCommand.cat())
                .register(CatCommand.head())
                .register(new GetCommand())
                .register(new PutCommand())
                .register(CpCommand.copy())
                .register(CpCommand.move())
                .register(new RmCommand())
                .register(new MbCommand())
                .register(new RbCommand())
                .register(new DuCommand())
                .register(new SignurlCommand())
                .register(new HelpCommand())
                .register(new ExitCommand());
    }
}
