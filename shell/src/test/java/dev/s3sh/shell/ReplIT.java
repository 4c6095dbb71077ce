package dev.s3sh.shell;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;

import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.TypedRepl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real JLine line reader on a test terminal, typed at like a person, against the real RGW. */
class ReplIT {
    private static String bucket;

    @BeforeAll
    static void seed() {
        bucket = LocalRgw.newBucket("repl");
        LocalRgw.store().putObject(bucket, "photos/cat.jpg", new byte[]{1, 2, 3}, "image/jpeg");
    }

    @AfterAll
    static void clean() {
        LocalRgw.deleteBucket(bucket);
    }

    /** Blocks until interrupted: stands for any long command (a listing, a transfer). */
    static final class BlockCommand implements Command {
        final CountDownLatch started = new CountDownLatch(1);
        volatile boolean interrupted;

        @Override
        public CommandSpec spec() {
            return CommandSpec.builder("block").summary("wait until interrupted").build();
        }

        @Override
        public int run(CommandContext ctx, ParsedArgs args) throws InterruptedException {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted = true;
                throw e; // as real commands do: the runner reports it
            }
            return ExitCode.OK;
        }
    }

    /** Ignores interrupts until released: stands for a call stuck where an interrupt does not reach. */
    static final class StubbornCommand implements Command {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public CommandSpec spec() {
            return CommandSpec.builder("stubborn").summary("ignore Ctrl-C until released").build();
        }

        @Override
        public int run(CommandContext ctx, ParsedArgs args) {
            started.countDown();
            try {
                while (true) {
                    try {
                        if (release.await(60, TimeUnit.SECONDS)) break;
                    } catch (InterruptedException ignored) {
                        // keeps waiting, as a blocked socket read would
                    }
                }
                ctx.out().println("stubborn ended late");
                return ExitCode.OK;
            } finally {
                ended.countDown();
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hung REPL, not a speed check
    void aCommandThatIgnoresCtrlCIsLeftBehindByASecondOne(@TempDir Path tmp) throws Exception {
        StubbornCommand stubborn = new StubbornCommand();
        CommandRegistry registry = BuiltinCommands.registry().register(stubborn);
        TypedRepl.Result r = new TypedRepl(LocalRgw.profile(), S3ObjectStore::new, tmp.resolve("history"))
                .registry(registry)
                .run(keys -> {
                    int m = keys.mark();
                    keys.type("stubborn\r");
                    assertTrue(stubborn.started.await(20, TimeUnit.SECONDS), "the command started");
                    keys.ctrlC();
                    keys.await(m, "Ctrl-C again leaves the command");   // said when the first one did not stop it
                    keys.ctrlC();
                    keys.await(m, "goes on in the background");
                    int m2 = keys.mark();
                    keys.type("pwd\r");
                    keys.await(m2, "s3://");                            // runs now, not behind the stuck command
                    assertEquals(1, stubborn.ended.getCount(), "the stuck command is still running");
                    stubborn.release.countDown();
                    assertTrue(stubborn.ended.await(20, TimeUnit.SECONDS));
                });
        assertEquals(ExitCode.OK, r.status(), r.screen());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hung REPL, not a speed check
    void promptCdLsCtrlCAndHistory(@TempDir Path tmp) throws Exception {
        BlockCommand block = new BlockCommand();
        CommandRegistry registry = BuiltinCommands.registry().register(block);
        Path history = tmp.resolve("history");
        TypedRepl.Result r = new TypedRepl(LocalRgw.profile(), S3ObjectStore::new, history)
                .registry(registry).pauseMs(300) // let the REPL render before the next line, as a person would
                .run(keys -> {
                    keys.type("cd " + bucket + "\r");
                    keys.type("ls\r");
                    keys.type("cd photos\r");
                    keys.type("half-typed line");
                    keys.ctrlC();                       // Ctrl-C at the prompt clears the line
                    keys.type("block\r");
                    block.started.await(20, TimeUnit.SECONDS);
                    keys.ctrlC();                       // Ctrl-C during a command interrupts it
                    keys.type("pwd\r");
                    keys.type("export AWS_SECRET_ACCESS_KEY=abc\r");
                });
        String out = r.screen();
        assertTrue(out.contains("local s3:// > "), "first prompt\n" + out);
        assertTrue(out.contains("local s3://" + bucket + "/ > "), "prompt after cd\n" + out);
        assertTrue(out.contains("photos/"), "ls output\n" + out);
        assertTrue(out.contains("interrupted"), "Ctrl-C reported\n" + out);
        assertTrue(block.interrupted, "the command's thread was interrupted");
        assertTrue(out.contains("s3://" + bucket + "/photos/\r\n") || out.contains("s3://" + bucket + "/photos/\n"),
                "pwd still works after the interrupt: the session survived\n" + out);
        assertFalse(out.contains("half-typed line\r\nunknown command"), "the cleared line was not run\n" + out);
        assertEquals(ExitCode.OK, r.status());
        String saved = Files.readString(history);
        assertTrue(saved.contains("cd photos"), saved);
        assertFalse(saved.contains("AWS_SECRET_ACCESS_KEY"), "a line with a secret is not kept in history");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hung REPL, not a speed check
    void anEmptyQuotedArgumentAndAnsiCQuotingReachTheCommandAsTyped(@TempDir Path tmp) throws Exception {
        RecordingCommand record = new RecordingCommand();
        CommandRegistry registry = BuiltinCommands.registry().register(record);
        TypedRepl.Result r = new TypedRepl(LocalRgw.profile(), S3ObjectStore::new, tmp.resolve("history"))
                .registry(registry)
                .run(keys -> {
                    int m = keys.mark();
                    keys.type("record --origin '' --method GET --actual\r");
                    keys.await(m, "recorded 1");
                    m = keys.mark();
                    keys.type("record \"\" $'tab\\there' $'\\x01'\r");
                    keys.await(m, "recorded 2");
                });
        assertEquals(ExitCode.OK, r.status(), r.screen());
        assertEquals(java.util.List.of("origin=[] method=[GET] actual=true args=",
                "origin=none method=[] actual=false args=[][tab\there][\u0001]"), record.runs, r.screen());
    }
}
