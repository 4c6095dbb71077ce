package dev.s3sh.command;

/**
 * A command of the shell. It reads from and writes to its {@link CommandContext} only, never the
 * terminal, so the same command serves the REPL, one-shot and script mode and the full-screen mode.
 * It returns an exit status ({@link ExitCode}) or throws {@link UsageException},
 * {@link InvalidInputException} or a {@code StoreException}.
 */
public interface Command {
    CommandSpec spec();

    int run(CommandContext ctx, ParsedArgs args) throws Exception;
}
