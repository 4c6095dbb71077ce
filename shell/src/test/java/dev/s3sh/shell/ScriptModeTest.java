package dev.s3sh.shell;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.command.ExitCode;
import dev.s3sh.session.Session;
import dev.s3sh.shell.commands.BuiltinCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Script lines are read by the same tokenizer as the REPL: empty arguments and $'...' included. */
class ScriptModeTest {
    @TempDir
    Path state;

    private final RecordingCommand record = new RecordingCommand();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int script(String text) throws Exception {
        CommandRegistry registry = BuiltinCommands.registry().register(record);
        try (Session session = new Session(null, p -> null)) {
            CommandContext ctx = FrontEndContexts.script(session, registry, new PrintWriter(out, true), new PrintWriter(err, true),
                    file -> { }, null, state);
            return ScriptMode.run(new BufferedReader(new StringReader(text)), ctx, new CommandRunner(registry, false, List.of()));
        }
    }

    @Test
    void anEmptyQuotedArgumentStaysAnArgument() throws Exception {
        int status = script("record --origin '' --method GET --actual\nrecord \"\" x $'' --origin=\n");
        assertEquals(ExitCode.OK, status, err.toString());
        assertEquals(List.of("origin=[] method=[GET] actual=true args=", "origin=[] method=[] actual=false args=[][x][]"),
                record.runs);
    }

    @Test
    void ansiCQuotingReachesTheCommandAsTheCharacters() throws Exception {
        assertEquals(ExitCode.OK, script("record $'tab\\there' $'\\x01ctl' $'it\\'s'\n"), err.toString());
        assertEquals(List.of("origin=none method=[] actual=false args=[tab\there][\u0001ctl][it's]"), record.runs);
    }

    @Test
    void exitEndsTheScriptAndAnUnbalancedQuoteIsOneSentenceWithItsLine() throws Exception {
        int status = script("record 'open\nrecord ok\nexit\nrecord never\n");
        assertEquals(ExitCode.USAGE, status, "the first failure is the script's status");
        assertEquals(List.of("origin=none method=[] actual=false args=[ok]"), record.runs);
        assertTrue(err.toString().startsWith("line 1: the line has an unbalanced quote"), err.toString());
    }
}
