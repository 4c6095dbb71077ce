package dev.s3sh.tui;

import java.nio.file.Path;
import java.util.List;

/**
 * What a CORS action running on the full-screen mode's worker thread may ask of the screen. Every
 * call blocks the worker until the user has answered; an interrupt (Esc or Ctrl-C on the progress
 * box) surfaces as {@link InterruptedException}. The same shape as a command's prompter and editor,
 * so the shell's {@code cors edit} workflow can be run through it (see {@link CorsActions}).
 */
public interface CorsUi {
    /** Shows {@code detail} (a diff, a list of problems) and asks a yes/no question naming the target. */
    boolean confirm(String question, List<String> detail) throws InterruptedException;

    /** Picks one of {@code options}; null when the user backs out. */
    String choose(String title, List<String> options) throws InterruptedException;

    /** Asks for a line of text (a file name, a glob); null when the user backs out. */
    default String input(String title, String initial) throws InterruptedException {
        return null;
    }

    /** Hands the real terminal to the user's editor on {@code file}, then takes the screen back. */
    void editFile(Path file) throws Exception;

    /** Shows text the user reads and dismisses (problems, notes); does not wait. */
    void show(String title, List<String> lines);

    /** Updates the label of the progress box. */
    void progress(String label);
}
