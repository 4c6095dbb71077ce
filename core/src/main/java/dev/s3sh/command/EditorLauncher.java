package dev.s3sh.command;

import java.nio.file.Path;

/**
 * Opens a file in the user's editor and returns when the editor exits. The REPL's implementation
 * hands the terminal over and restores it afterwards; tests use a script as the editor.
 */
public interface EditorLauncher {
    void edit(Path file) throws Exception;
}
