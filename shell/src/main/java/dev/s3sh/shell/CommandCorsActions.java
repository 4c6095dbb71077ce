package dev.s3sh.shell;

import dev.s3sh.app.CorsHistory;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.Prompter;
import dev.s3sh.cors.CorsTemplates;

import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.CorsTemplates.Template;
import dev.s3sh.store.ProbeRequest;
import dev.s3sh.tui.CorsActions;
import dev.s3sh.tui.CorsUi;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The full-screen mode's CORS actions, done by the shell's own commands ({@code cors edit}, {@code cors rm},
 * {@code cors undo}, {@code cors set}) so that the screen gets the same validate → diff → confirm →
 * push → verify path, history and undo as the REPL. Questions go to the screen's dialogs with what
 * the command printed so far (the diff, the warnings) as their detail; the editor is the screen's.
 */
final class CommandCorsActions implements CorsActions {
    private final CommandContext parent;

    CommandCorsActions(CommandContext parent) {
        this.parent = parent;
    }

    @Override
    public String edit(String bucket, CorsUi ui) {
        return run(ui, "cors", "edit", "s3://" + bucket);
    }

    @Override
    public String delete(String bucket, CorsUi ui) {
        return run(ui, "cors", "rm", "s3://" + bucket);
    }

    @Override
    public String undo(String bucket, CorsUi ui) {
        return run(ui, "cors", "undo", "s3://" + bucket);
    }

    @Override
    public List<String> templates() {
        return CorsTemplates.all().stream().map(Template::name).toList();
    }

    @Override
    public String applyTemplate(String bucket, String template, CorsUi ui) throws Exception {
        Path file = CorsHistory.privateTempFile(parent.stateDir().resolve("edit"), "template-" + template + "-", ".xml");
        try {
            Files.writeString(file, CorsTemplates.named(template).xml());
            return run(ui, "cors", "set", file.toString(), "s3://" + bucket);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public ProbeResult probe(String bucket, CorsRequest request) {
        List<String> headers = request.requestHeaders() == null ? List.of()
                : Arrays.stream(request.requestHeaders().split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
        var answer = parent.session().store().probe(new ProbeRequest(bucket, null, true, request.judgedMethod(),
                request.origin(), headers, false));
        return new ProbeResult("s3://" + bucket, answer.status(), answer.corsHeaders());
    }

    /** Runs one command on the screen's behalf; returns its last line for the status bar. */
    private String run(CorsUi ui, String... words) {
        StringWriter buffer = new StringWriter();
        PrintWriter writer = new PrintWriter(buffer, true);
        Prompter prompter = Prompter.confirming(question -> {
            List<String> detail = new ArrayList<>(buffer.toString().lines().toList());
            buffer.getBuffer().setLength(0);
            try {
                return ui.confirm(question, detail);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        CommandContext ctx = FrontEndContexts.forScreen(parent, writer, prompter, ui::editFile);
        int status = new CommandRunner(parent.registry(), false, List.of()).run(ctx, List.of(words));
        List<String> lines = buffer.toString().lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? (status == ExitCode.OK ? "done" : "failed") : lines.get(lines.size() - 1);
        if (status != ExitCode.OK && lines.size() > 1) ui.show(String.join(" ", words), lines);
        return last;
    }
}
