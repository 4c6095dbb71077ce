package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsJson;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsWarning;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cors show}: a bucket's CORS configuration as indented XML, JSON or a table with lint marks. */
public final class CorsShowCommand implements Command {
    private static final String[] HEADINGS = {"#", "ORIGINS", "METHODS", "HEADERS", "EXPOSE", "MAX-AGE", "LINT"};

    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors show")
                .synopsis("cors show [s3://BUCKET] [--output xml|json|table]")
                .summary("show a bucket's CORS configuration")
                .help("Prints the configuration the server holds as indented XML (the default, also --output xml),\n"
                        + "as JSON ({\"bucket\", \"configured\", \"CORSRules\"}) or as a table, one rule a row, where LINT marks\n"
                        + "each rule's warnings ('!' a warning, 'i' a note; the warnings follow the table).\n"
                        + "BUCKET defaults to the current bucket. A bucket without CORS is an answer, not an error (exit 0).")
                .positional(ValueKind.BUCKET)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.positionals().size() > 1) throw new UsageException("cors show takes at most one s3://BUCKET");
        String bucket = CorsSource.bucket(ctx, args.positional(0, null), "cors show");
        CorsConfiguration config = ctx.session().store().getCors(bucket).orElse(null);
        PrintWriter out = ctx.out();
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("bucket", bucket);
            doc.put("configured", config != null);
            doc.put("CORSRules", config == null ? List.of() : CorsJson.rules(config));
            ctx.printJson(doc);
            return ExitCode.OK;
        }
        if (config == null) {
            out.println("s3://" + bucket + " has no CORS configuration");
        } else if (args.output() == dev.s3sh.command.OutputFormat.TABLE) {
            table(out, config, CorsLinter.lint(config, CorsSource.dialect(ctx, args)));
        } else {
            out.print(CorsXml.write(config));
        }
        out.flush();
        return ExitCode.OK;
    }

    static void table(PrintWriter out, CorsConfiguration config, List<CorsWarning> warnings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        java.util.Map<Integer, StringBuilder> marksByRule = new java.util.HashMap<>(); // one pass: a server may answer 10,000 rules
        for (CorsWarning w : warnings) {
            marksByRule.computeIfAbsent(w.rule(), r -> new StringBuilder()).append(w.severity() == CorsWarning.Severity.WARNING ? '!' : 'i');
        }
        for (int i = 0; i < config.rules().size(); i++) {
            CorsRule r = config.rules().get(i);
            int n = i + 1;
            StringBuilder marks = marksByRule.getOrDefault(n, new StringBuilder());
            rows.add(new String[]{Integer.toString(n), list(r.allowedOrigins()), list(r.allowedMethods()),
                    list(r.allowedHeaders()), list(r.exposeHeaders()),
                    r.maxAge() == null ? "-" : r.maxAge().toString(), marks.isEmpty() ? "-" : marks.toString()});
        }
        int[] width = new int[HEADINGS.length];
        for (String[] row : rows) for (int c = 0; c < row.length; c++) width[c] = Math.max(width[c], row[c].length());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c < row.length - 1) line.append(" ".repeat(width[c] - row[c].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        if (!warnings.isEmpty()) out.println();
        for (CorsWarning w : warnings) {
            out.println((w.severity() == CorsWarning.Severity.WARNING ? "! " : "i ") + "rule " + w.rule() + ": " + w.message());
        }
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "-" : dev.s3sh.session.S3Path.visible(String.join(",", values)); // escaped before the widths are measured
    }
}
