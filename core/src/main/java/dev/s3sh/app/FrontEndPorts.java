package dev.s3sh.app;

import java.nio.file.Path;

/**
 * What an application service needs from a front end: somewhere to tell the user things
 * (notices of type {@code N}), someone to ask, and an editor. The REPL, one-shot and script mode
 * print what they are told and ask through the command's prompter; the full-screen mode keeps it
 * as the detail of its next dialog.
 */
public interface FrontEndPorts<N> {
    /** Something the user should see now, before the next question or the outcome. */
    void tell(N notice);

    /** True when someone can answer {@link #confirm}. */
    boolean interactive();

    /** A yes/no question ending with '?'; an interrupted question is a no. */
    boolean confirm(String question);

    /** Hands {@code file} to the user's editor and returns when the editor exits. */
    void editFile(Path file) throws Exception;
}
