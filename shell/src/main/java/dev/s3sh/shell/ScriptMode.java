package dev.s3sh.shell;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.UsageException;

import dev.s3sh.command.Tokenizer;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Commands read line by line from a non-terminal standard input: no prompt, no colour. Blank lines
 * and lines starting with '#' are skipped. Every command runs even after a failure; the exit
 * status is the first failure's, so a script never hides an error. Ctrl-C ends the script with 130.
 */
public final class ScriptMode {
    private ScriptMode() {
    }

    public static int run(BufferedReader input, CommandContext ctx, CommandRunner runner) throws IOException {
        int status = ExitCode.OK;
        String line;
        int number = 0;
        boolean leave = false;
        while (!leave && (line = input.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            int result;
            try {
                CommandRunner.Outcome outcome = runner.execute(ctx, Tokenizer.words(trimmed));
                result = outcome.status();
                leave = outcome.leave();
            } catch (UsageException e) {
                ctx.err().println("line " + number + ": " + dev.s3sh.session.S3Path.visible(e.getMessage()));
                ctx.err().flush();
                result = ExitCode.USAGE;
            }
            // Ctrl-C stops the script, not just its current command
            if (result == ExitCode.INTERRUPTED || Thread.currentThread().isInterrupted()) return ExitCode.INTERRUPTED;
            if (status == ExitCode.OK) status = result;
        }
        return status;
    }
}
