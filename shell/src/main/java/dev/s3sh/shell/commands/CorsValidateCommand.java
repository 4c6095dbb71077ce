package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsDocument;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsValidator;
import dev.s3sh.cors.Dialect;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.InvalidInputException;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cors validate FILE [--dialect rgw|rgw-2026|aws]}: reads a CORS document (XML or JSON) and says what
 * the server would refuse, each problem on its own line as {@code FILE:LINE:COLUMN: message}. Exit 0
 * when valid (warnings allowed), 3 when not, 1 when the file cannot be read.
 */
public final class CorsValidateCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors validate")
                .synopsis("cors validate FILE [--dialect rgw|rgw-2026|aws]")
                .summary("check a CORS document (XML or JSON) against what the server accepts")
                .help("""
                        Reads FILE (XML as for 's3cmd setcors', or JSON as the AWS CLI or the S3 console
                        write it) and reports every problem the server would refuse, one a line as
                        FILE:LINE:COLUMN: message, plus warnings for what it would take but never match
                        (values with spaces around them, ...). The dialect defaults to the session's
                        (rgw for Ceph RGW / Linode, aws for AWS S3). A valid JSON document gets a note:
                        s3sh converts it to XML when it pushes it, but RGW and 's3cmd setcors' read only
                        XML. Exit status: 0 valid, 3 invalid, 1 when FILE cannot be read.""")
                .option(OptionSpec.value("dialect", ValueKind.DIALECT, "whose rules to apply: rgw, rgw-2026 or aws (default: the session's)"))
                .positional(ValueKind.LOCAL_FILE)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.positionals().size() != 1) {
            throw new UsageException("cors validate needs one FILE: cors validate FILE [--dialect rgw|rgw-2026|aws]");
        }
        String file = args.positional(0, "");
        Dialect dialect = Dialect.of(args.value("dialect", ctx.session().dialect()));
        CorsDocument doc;
        try {
            doc = CorsSource.readDocument(file);
        } catch (IOException e) {
            return unreadable(ctx, args, file, e);
        }
        List<CorsProblem> problems = CorsValidator.validate(doc, dialect);
        boolean valid = CorsValidator.isValid(problems);
        // about the document as a whole (a JSON file RGW cannot read itself): shown with a passing verdict only
        List<String> notes = valid ? CorsValidator.notes(doc, dialect).stream().map(CorsProblem::message).toList() : List.of();
        int rules = doc.configuration() == null ? 0 : doc.configuration().rules().size();
        if (args.json()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("valid", valid);
            out.put("file", file);
            out.put("dialect", dialect.id());
            out.put("format", doc.format() == null ? null : doc.format().name().toLowerCase());
            out.put("rules", rules);
            out.put("problems", problems.stream().map(CorsValidateCommand::json).toList());
            out.put("notes", notes);
            ctx.printJson(out);
            return valid ? ExitCode.OK : ExitCode.INVALID_INPUT;
        }
        List<String> lines = problems.stream().map(CorsProblem::render).toList();
        long errors = problems.stream().filter(CorsProblem::isError).count();
        long warnings = problems.size() - errors;
        if (!valid) {
            throw new InvalidInputException(file + " is not a valid CORS document for " + dialect.id() + ": "
                    + count(errors, "error") + (warnings > 0 ? ", " + count(warnings, "warning") : ""), lines);
        }
        for (String line : lines) ctx.out().println(line);
        for (String note : notes) ctx.out().println(file + ": note: " + note);
        ctx.out().println(file + ": valid (" + count(rules, "rule") + ", dialect " + dialect.id()
                + (warnings > 0 ? ", " + count(warnings, "warning") : "") + ")");
        ctx.out().flush();
        return ExitCode.OK;
    }

    private static int unreadable(CommandContext ctx, ParsedArgs args, String file, IOException e) {
        String message = dev.s3sh.session.S3Path.visible("cannot read " + file + ": " + CorsSource.unreadable(e));
        if (args.json()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", "FileUnreadable");
            error.put("message", message);
            ctx.printJson(Map.of("error", error));
        }
        ctx.err().println(message);
        ctx.err().flush();
        return ExitCode.FAILURE;
    }

    private static Map<String, Object> json(CorsProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", p.severity().name().toLowerCase());
        m.put("line", p.position() == null ? null : p.position().line());
        m.put("column", p.position() == null ? null : p.position().column());
        m.put("path", p.position() == null ? null : p.position().jsonPath());
        m.put("rule", p.rule());
        m.put("field", p.field());
        m.put("message", p.message());
        return m;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
