package dev.s3sh.shell;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A history file that cannot be written: one sentence, once, and nothing logged by JLine (which prints stack traces). */
class HistoryFileTest {
    @TempDir
    Path dir;

    @Test
    void anUnwritableHistoryFileIsSaidOnceAndNothingIsLogged() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("state"), "a file where a folder should be");
        Path historyFile = notADirectory.resolve("s3sh").resolve("history"); // even root cannot create this
        List<String> notices = new ArrayList<>();
        List<LogRecord> logged = new ArrayList<>();
        Logger jline = Logger.getLogger("org.jline");
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.INFO.intValue()) logged.add(r);
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        jline.addHandler(capture);
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
            SecretFilteringHistory history = new SecretFilteringHistory(List::of, historyFile, notices::add);
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).history(history)
                    .variable(LineReader.HISTORY_FILE, historyFile).build();
            history.attach(reader); // what readLine does first
            for (int i = 0; i < 5; i++) history.add(Instant.now(), "ls line " + i);
            history.save();
            assertEquals(5, reader.getHistory().size(), "history still works in memory");
        } finally {
            jline.removeHandler(capture);
        }
        assertEquals(0, logged.size(), "JLine logged: " + logged.stream().map(LogRecord::getMessage).toList());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains(historyFile.toString()) && notices.get(0).contains("memory only"), notices.get(0));
    }
}
