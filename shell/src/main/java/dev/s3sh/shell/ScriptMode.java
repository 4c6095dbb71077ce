package dev.s3sh.shell;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.UsageException;

import org.jline.reader.Parser;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/**
 * Commands read line by line from a non-terminal standard input: no prompt, no colour. Blank lines
 * and lines starting with '#' are skipped. Every command runs even after a failure; the exit
 * status is the first failure's, so a script never hides an error.
 */
public final class ScriptMode {
    private ScriptMode() {
    }

    public static int run(BufferedReader input, CommandContext ctx, CommandRunner runner) throws IOException {
        Parser parser = Repl.parser();
        int status = ExitCode.OK;
        String line;
        int number = 0;
        while (!ctx.exitRequested() && (line = input.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            int result;
            try {
                List<String> words = Repl.words(parser, trimmed);
                result = runner.run(ctx, words);
            } catch (UsageException e) {
                ctx.err().println("line " + number + ": " + dev.s3sh.session.S3Path.visible(e.getMessage()));
                ctx.err().flush();
                result = ExitCode.USAGE;
            }
            if (status == ExitCode.OK) status = result;
        }
        return status;
    }
}
