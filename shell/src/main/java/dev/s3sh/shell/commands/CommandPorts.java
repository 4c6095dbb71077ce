package dev.s3sh.shell.commands;

import dev.s3sh.app.FrontEndPorts;
import dev.s3sh.command.CommandContext;

import java.nio.file.Path;

/** A command's side of a service's ports: questions go to the command's prompter, files to its editor; telling is each kind's. */
abstract class CommandPorts<N> implements FrontEndPorts<N> {
    protected final CommandContext ctx;

    CommandPorts(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public boolean interactive() {
        return ctx.prompter().interactive();
    }

    @Override
    public boolean confirm(String question) {
        return ctx.prompter().confirm(question);
    }

    @Override
    public void editFile(Path file) throws Exception {
        ctx.editor().edit(file);
    }
}
