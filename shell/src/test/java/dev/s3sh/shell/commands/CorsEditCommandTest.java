package dev.s3sh.shell.commands;

import dev.s3sh.config.Profile;
import dev.s3sh.testing.MemoryStore;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cors edit} in-process on a memory store: what happens to the user's file when things go wrong. */
class CorsEditCommandTest {
    @TempDir
    Path dir;

    private final MemoryStore store = new MemoryStore().with("bkt");

    private ShellHarness shell() {
        return new ShellHarness(new Profile("t", URI.create("http://127.0.0.1:9"), "us-east-1", "AK", "SK", null, true, "rgw"),
                p -> store);
    }

    /** An invalid document (PATCH is no CORS method) of about {@code size} bytes. */
    private static String invalidDocument(int size) {
        StringBuilder b = new StringBuilder("<CORSConfiguration>\n  <CORSRule>\n    <AllowedMethod>PATCH</AllowedMethod>\n");
        while (b.length() < size) b.append("    <AllowedOrigin>https://a.example</AllowedOrigin>\n");
        return b.append("  </CORSRule>\n</CORSConfiguration>\n").toString();
    }

    /** Writes to {@code filler} until the file system is full. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException full) {
            // the disk is full now
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + " (this test mounts a small tmpfs: it needs root): " + output);
    }

    @Test
    void aFullDiskNeverCutsTheUsersEdit() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("small"));
        run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString());
        try {
            String mine = invalidDocument(8000);
            List<Path> edited = new ArrayList<>();
            try (ShellHarness sh = shell().stateDir(mount.resolve("state")).editor(file -> {
                edited.add(file);
                if (edited.size() > 1) return; // a reopen: quit without saving
                Files.writeString(file, mine);
                fill(mount.resolve("filler"));
            })) {
                ShellHarness.Result r = sh.run("cors", "edit", "s3://bkt");
                assertFalse(edited.isEmpty(), r.toString());
                Path file = edited.get(0);
                assertArrayEquals(mine.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file),
                        "the file holds the user's text exactly as saved: " + r);
                assertTrue(r.err().contains("No space left on device") && r.err().contains(file.toString()), r.toString());
                assertEquals(1, r.status(), r.toString());
                assertTrue(store.getCors("bkt").isEmpty(), "nothing pushed");
                try (var names = Files.list(file.getParent())) {
                    assertEquals(List.of(file), names.toList(), "no half-written copy is left beside it");
                }
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void aLatin1FileReopensWithTheSentenceCorsValidateGives() throws Exception {
        byte[] latin1 = ("<CORSConfiguration>\n  <CORSRule>\n    <AllowedMethod>GET</AllowedMethod>\n"
                + "    <AllowedOrigin>https://caf\u00e9.example</AllowedOrigin>\n  </CORSRule>\n</CORSConfiguration>\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> reopened = new ArrayList<>();
        try (ShellHarness sh = shell().editor(file -> {
            if (!reopened.isEmpty() || Files.size(file) > 0 && Files.readString(file).startsWith("<!-- s3sh: NOT PUSHED")) {
                reopened.add(Files.readAllBytes(file));
                return; // quit without saving
            }
            Files.write(file, latin1);
            reopened.add(null);
        })) {
            ShellHarness.Result r = sh.run("cors", "edit", "s3://bkt");
            Path saved = dir.resolve("latin1.xml");
            Files.write(saved, latin1);
            ShellHarness.Result v = sh.run("cors", "validate", saved.toString());
            String validate = v.out() + v.err();
            assertTrue(validate.contains("byte 0xE9 (byte offset "), validate);
            assertEquals(2, reopened.size(), "the editor reopens: " + r);
            String notice = new String(reopened.get(1), StandardCharsets.ISO_8859_1);
            assertTrue(notice.startsWith("<!-- s3sh: NOT PUSHED"), notice);
            assertTrue(notice.contains("byte 0xE9 (byte offset ") && notice.contains("is not valid UTF-8; save the file as UTF-8"), notice);
            assertTrue(notice.endsWith(new String(latin1, StandardCharsets.ISO_8859_1)), "the user's bytes follow, untouched");
            assertTrue(r.err().contains("is not valid UTF-8"), r.toString());
            assertFalse(r.err().contains("Input length"), r.toString());
            assertEquals(3, r.status(), r.toString());
            assertTrue(store.getCors("bkt").isEmpty(), "nothing pushed");
        }
    }

    @Test
    void aStrayFileInTheHistoryIsSkippedWithAWarningByHistoryUndoAndRestore() throws Exception {
        try (ShellHarness sh = shell()) {
            Path folder = new dev.s3sh.app.CorsHistory(sh.stateDir(), "http://localhost:9/", "bkt").dir();
            ShellHarness.Result set = sh.run("cors", "set", write("rules.xml", invalidDocument(0).replace("PATCH", "GET")
                    .replace("</CORSRule>", "<AllowedOrigin>https://a.example</AllowedOrigin></CORSRule>")), "s3://bkt", "--yes");
            assertEquals(0, set.status(), set.toString());
            Files.writeString(folder.resolve("1796589495399-x.json"), "{}");
            ShellHarness.Result history = sh.run("cors", "history", "s3://bkt");
            assertEquals(0, history.status(), history.toString());
            assertTrue(history.out().contains("  1  "), history.toString());
            assertTrue(history.err().contains("warning: skipped ") && history.err().contains("1796589495399-x.json"), history.toString());
            ShellHarness.Result undo = sh.run("cors", "undo", "s3://bkt", "--yes");
            assertEquals(0, undo.status(), undo.toString());
            assertTrue(store.getCors("bkt").isEmpty(), "the undo went through: " + undo);
            assertTrue(undo.err().contains("1796589495399-x.json"), undo.toString());
        }
    }

    private String write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }
}
