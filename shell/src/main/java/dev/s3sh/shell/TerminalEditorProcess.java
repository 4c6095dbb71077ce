package dev.s3sh.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the user's editor outside the REPL (one-shot and script mode), where no JLine terminal exists. */
final class TerminalEditorProcess {
    private TerminalEditorProcess() {
    }

    static void run(Map<String, String> env, Path file) throws Exception {
        List<String> command = new java.util.ArrayList<>(TerminalEditor.editorCommand(env));
        if (command.isEmpty()) command.add("vi");
        command.add(file.toString());
        TerminalEditor.waitFor(new ProcessBuilder(command).inheritIO().start(), command.get(0));
    }
}
