package dev.s3sh.shell.commands;

import dev.s3sh.completions.CompletionCommand;
import dev.s3sh.command.CommandRegistry;

/** The one place where commands are registered; each line is one command. */
public final class BuiltinCommands {
    private BuiltinCommands() {
    }

    public static CommandRegistry registry() {
        CommandRegistry registry = new CommandRegistry()
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
                .register(new CorsShowCommand())
                .register(new CorsSetCommand())
                .register(new CorsEditCommand())
                .register(new CorsDiffCommand())
                .register(new CorsRmCommand())
                .register(new CorsHistoryCommand())
                .register(CorsRestoreCommand.undo())
                .register(CorsRestoreCommand.restore())
                .register(new CorsApplyCommand())
                .register(new CorsTemplateCommand())
                .register(CorsSetCommand.setcors())
                .register(CorsRmCommand.delcors())
                .register(new S3cmdCommand())
                .register(new CorsCheckCommand())
                .register(new CorsLintCommand())
                .register(new CorsProbeCommand())
                .register(new CorsDetectCommand())
                .register(new CorsMatrixCommand())
                .register(new CorsAuditCommand())
                .register(new CorsValidateCommand())
                .register(new ProfileListCommand())
                .register(new ProfileUseCommand())
                .register(new ProfileShowCommand())
                .register(new ProfileAddCommand())
                .register(new ConnectCommand())
                .register(new TuiCommand())
                .register(new HelpCommand())
                .register(new VersionCommand())
                .register(new CompletionCommand())
                .register(new ExitCommand());
        PolicyCommand.all().forEach(registry::register);
        LifecycleCommand.all().forEach(registry::register);
        return registry;
    }
}
