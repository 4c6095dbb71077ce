package dev.s3sh.completions;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

/** {@code completion bash|zsh|fish}: prints the completion script for that shell. */
public final class CompletionCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("completion")
                .synopsis("completion bash|zsh|fish")
                .summary("print a completion script for bash, zsh or fish")
                .help("""
                        Prints a script that completes s3sh commands, options, buckets and keys in your shell.
                        Buckets and keys come from 's3sh __complete', which lists one page with the same
                        endpoint and credentials as the line being completed.
                          bash:  source <(s3sh completion bash)       (or save it under ~/.local/share/bash-completion/completions/s3sh)
                          zsh:   s3sh completion zsh > "${fpath[1]}/_s3sh"
                          fish:  s3sh completion fish > ~/.config/fish/completions/s3sh.fish
                        The same scripts are kept in the project's completions/ folder.""")
                .positional(ValueKind.choice("bash", "zsh", "fish"))
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String shell = args.positional(0, null);
        if (shell == null) throw new UsageException("completion needs a shell: bash, zsh or fish");
        String script = switch (shell) {
            case "bash" -> CompletionScripts.bash();
            case "zsh" -> CompletionScripts.zsh();
            case "fish" -> CompletionScripts.fish();
            default -> throw new UsageException("completion knows bash, zsh and fish, not '" + shell + "'");
        };
        if (args.json()) {
            ctx.printJson(java.util.Map.of("shell", shell, "script", script));
            return ExitCode.OK;
        }
        ctx.out().print(script);
        ctx.out().flush();
        return ExitCode.OK;
    }
}
