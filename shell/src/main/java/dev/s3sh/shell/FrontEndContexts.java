package dev.s3sh.shell;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.EditorLauncher;
import dev.s3sh.command.FullScreen;
import dev.s3sh.command.Prompter;
import dev.s3sh.session.Session;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The one place where the shell's front ends assemble a {@link CommandContext}: what each of them
 * gives a command (who answers questions, which editor, whether there is a full-screen mode,
 * progress lines, raw standard streams) is decided here and nowhere else.
 */
final class FrontEndContexts {
    private FrontEndContexts() {
    }

    /** The interactive shell: the terminal is output and error, questions and the editor go through it. */
    static CommandContext repl(Session session, CommandRegistry registry, PrintWriter terminal, Prompter prompter,
                               EditorLauncher editor, FullScreen fullScreen, boolean color, boolean progress, Path stateDir) {
        return CommandContext.builder(session, registry).out(terminal).err(terminal).prompter(prompter).editor(editor)
                .fullScreen(fullScreen).color(color).progressVisible(progress).stateDir(stateDir).build();
    }

    /** {@code s3sh COMMAND ...}: the command owns standard input and output, raw bytes included. */
    static CommandContext oneShot(Session session, CommandRegistry registry, PrintWriter out, PrintWriter err,
                                  Prompter prompter, EditorLauncher editor, FullScreen fullScreen, boolean color,
                                  boolean progress, OutputStream stdout, InputStream stdin, Path stateDir) {
        return CommandContext.builder(session, registry).out(out).err(err).prompter(prompter).editor(editor)
                .fullScreen(fullScreen).color(color).progressVisible(progress).rawOut(stdout).rawIn(stdin)
                .stateDir(stateDir).build();
    }

    /** {@code s3sh --tui}: only the full-screen mode, which brings its own dialogs. */
    static CommandContext fullScreenOnly(Session session, CommandRegistry registry, PrintWriter out, PrintWriter err,
                                         EditorLauncher editor, FullScreen fullScreen, boolean color, Path stateDir) {
        return CommandContext.builder(session, registry).out(out).err(err).editor(editor).fullScreen(fullScreen)
                .color(color).stateDir(stateDir).build();
    }

    /** Commands read from a non-terminal standard input: nobody to ask, no colour; standard input is the script. */
    static CommandContext script(Session session, CommandRegistry registry, PrintWriter out, PrintWriter err,
                                 EditorLauncher editor, OutputStream stdout, Path stateDir) {
        return CommandContext.builder(session, registry).out(out).err(err).editor(editor).rawOut(stdout)
                .stateDir(stateDir).build();
    }

    /** The class-archive training run: output goes nowhere, nothing is asked. */
    static CommandContext training(Session session, CommandRegistry registry, PrintWriter sink, Path stateDir) {
        return CommandContext.builder(session, registry).out(sink).err(sink).stateDir(stateDir).build();
    }

    /**
     * A command the full-screen mode runs on the user's behalf: its output is captured for the
     * screen, the screen's dialogs answer and its editor edits; session and state are the caller's.
     */
    static CommandContext forScreen(CommandContext parent, PrintWriter capture, Prompter prompter, EditorLauncher editor) {
        return CommandContext.builder(parent.session(), parent.registry()).out(capture).err(capture).prompter(prompter)
                .editor(editor).stateDir(parent.stateDir()).build();
    }
}
