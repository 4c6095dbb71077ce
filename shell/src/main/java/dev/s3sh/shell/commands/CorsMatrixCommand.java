package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.cors.CorsMatrix;
import dev.s3sh.cors.Dialect;
import dev.s3sh.text.StyledLine;
import dev.s3sh.text.TerminalText;
import dev.s3sh.text.StyledLine.Tone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cors matrix}: a configuration (a file or a bucket's live one) as a grid of preflight verdicts,
 * origin × method. Allowed is green and denied red when the front end allows colour.
 */
public final class CorsMatrixCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors matrix")
                .synopsis("cors matrix (--file FILE | s3://BUCKET) [--origins O,...] [--methods M,...] [--headers H,...] [--dialect D] [--rules]")
                .summary("show which origin may send which method, as a grid of preflight verdicts")
                .help("""
                        Evaluates a preflight (OPTIONS) for every origin and method and prints a grid: + allowed, - denied;
                        with --rules each cell names the rule that decided it (r2), when one did. Without --origins the rows are every
                        literal AllowedOrigin, a sample for each wildcard (https://*.example.com gives https://app.example.com)
                        and a foreign origin no rule names (%s). Methods default to GET PUT POST DELETE HEAD;
                        --headers are sent as Access-Control-Request-Headers in every preflight. The dialect defaults to
                        the profile's (see 'cors detect'). --output json gives the grid as data.
                        Exit status 0, 3 when the file is not a valid CORS document.""".formatted(CorsMatrix.FOREIGN_ORIGIN))
                .option(OptionSpec.value("file", ValueKind.LOCAL_FILE, "read the configuration from this XML or JSON file"))
                .option(OptionSpec.value("origins", ValueKind.TEXT, "rows: comma-separated origins"))
                .option(OptionSpec.value("methods", ValueKind.TEXT, "columns: comma-separated methods (default GET,PUT,POST,DELETE,HEAD)"))
                .option(OptionSpec.value("headers", ValueKind.TEXT, "headers every preflight asks for, comma-separated"))
                .option(OptionSpec.value("dialect", ValueKind.DIALECT, "whose semantics: rgw, rgw-2026 or aws"))
                .option(OptionSpec.flag("rules", null, "name the deciding rule in each allowed cell"))
                .positional(ValueKind.BUCKET)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String file = args.value("file", null);
        String bucket = args.positional(0, null);
        if (args.positionals().size() > 1) throw new UsageException("cors matrix takes one bucket, not " + args.positionals().size());
        if ((file == null) == (bucket == null)) {
            throw new UsageException("cors matrix needs either --file FILE or s3://BUCKET" + (file != null ? ", not both" : ""));
        }
        Dialect dialect = CorsSource.dialect(ctx, args);
        CorsSource source = file != null ? CorsSource.fromFile(file) : CorsSource.fromBucket(ctx, bucket, false);
        List<String> origins = list(args, "origins");
        if (origins.isEmpty()) origins = CorsMatrix.origins(source.config());
        List<String> methods = list(args, "methods");
        if (methods.isEmpty()) methods = CorsMatrix.METHODS;
        CorsMatrix m = CorsMatrix.of(source.config(), dialect, origins, methods, list(args, "headers"));
        if (args.json()) {
            ctx.printJson(json(m, source.label()));
            return ExitCode.OK;
        }
        for (StyledLine line : lines(m, source.label(), args.has("rules"), source.config() == null)) ctx.println(line);
        return ExitCode.OK;
    }

    private static List<String> list(ParsedArgs args, String option) {
        String v = args.value(option, null);
        if (v == null) return List.of();
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static Map<String, Object> json(CorsMatrix m, String source) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", source);
        doc.put("dialect", m.dialect().id());
        doc.put("methods", m.methods());
        doc.put("headers", m.headers());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int o = 0; o < m.origins().size(); o++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("origin", m.origins().get(o));
            Map<String, Object> cells = new LinkedHashMap<>();
            for (int k = 0; k < m.methods().size(); k++) {
                CorsMatrix.Cell c = m.cell(o, k);
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("allowed", c.allowed());
                cell.put("rule", c.rule());
                cell.put("status", c.status());
                cells.put(m.methods().get(k), cell);
            }
            row.put("cells", cells);
            rows.add(row);
        }
        doc.put("rows", rows);
        return doc;
    }

    /** The grid as lines; origins come from outside and are escaped when rendered. */
    static List<StyledLine> lines(CorsMatrix m, String source, boolean rules, boolean noConfiguration) {
        List<StyledLine> out = new ArrayList<>();
        out.add(new StyledLine().plain("CORS of " + source + " (" + m.dialect().id() + ", preflight"
                + (m.headers().isEmpty() ? "" : " with headers " + String.join(", ", m.headers())) + ")"
                + (noConfiguration ? ": no CORS configuration, every request is denied" : "")));
        // widths of what the terminal shows: an origin's control characters print as longer escapes
        List<String> shown = m.origins().stream().map(TerminalText::visible).toList();
        int originW = Math.min(60, Math.max(6, shown.stream().mapToInt(String::length).max().orElse(6)));
        int cellW = Math.max(rules ? 5 : 3, m.methods().stream().mapToInt(String::length).max().orElse(3)) + 1;
        StyledLine head = new StyledLine().add(pad("ORIGIN", originW), Tone.BOLD);
        for (String method : m.methods()) head.add(" " + pad(method, cellW), Tone.BOLD);
        out.add(head);
        for (int o = 0; o < m.origins().size(); o++) {
            String origin = shown.get(o);
            StyledLine line = new StyledLine().plain(pad(origin.length() > originW ? origin.substring(0, originW - 1) + "~" : origin, originW));
            for (int k = 0; k < m.methods().size(); k++) {
                CorsMatrix.Cell c = m.cell(o, k);
                String text = (c.allowed() ? "+" : "-") + (rules && c.rule() != null ? " r" + c.rule() : "");
                line.plain(" ").add(pad(text, cellW), c.allowed() ? Tone.GOOD : Tone.BAD);
            }
            out.add(line);
        }
        out.add(new StyledLine().add("+ allowed  - denied" + (rules ? "  rN: the deciding rule" : ""), Tone.DIM));
        return out;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
