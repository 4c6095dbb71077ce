package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsWarning;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cors lint}: what is valid but risky or surprising in a configuration. Warnings are not errors: exit 0. */
public final class CorsLintCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors lint")
                .synopsis("cors lint [FILE|s3://BUCKET] [--dialect rgw|rgw-2026|aws]")
                .summary("warn about risky or surprising CORS rules")
                .help("Prints one warning a line as 'FILE: rule N: message', each saying what to do: write access for any\n"
                        + "origin, http next to https, rules shadowed by earlier ones or (rgw) never reached because an earlier\n"
                        + "rule matches the same origin first, any header for writes, and what browser uploads need (ETag,\n"
                        + "Content-Type, signing headers). Exit status 0 with or without warnings; 3 for an invalid document.\n"
                        + "Without an argument, lints the current bucket's configuration.")
                .option(OptionSpec.value("dialect", ValueKind.DIALECT, "whose semantics: rgw, rgw-2026 or aws"))
                .positional(ValueKind.LOCAL_FILE)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.positionals().size() > 1) throw new UsageException("cors lint takes one FILE or s3://BUCKET");
        String arg = args.positional(0, null);
        if (arg == null) arg = "s3://" + CorsSource.bucket(ctx, null, "cors lint without FILE");
        CorsSource source = CorsSource.isBucket(arg) ? CorsSource.fromBucket(ctx, arg, false) : CorsSource.fromFile(arg);
        List<CorsWarning> warnings = source.config() == null ? List.of() : CorsLinter.lint(source.config(), CorsSource.dialect(ctx, args));
        if (args.json()) {
            List<Map<String, Object>> list = warnings.stream().map(w -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rule", w.rule());
                m.put("message", w.message());
                m.put("severity", w.severity().id());
                return m;
            }).toList();
            ctx.printJson(Map.of("warnings", list));
            return ExitCode.OK;
        }
        if (source.config() == null) ctx.err().println(source.label() + " has no CORS configuration: nothing to lint");
        for (CorsWarning w : warnings) ctx.out().println(source.label() + ": rule " + w.rule() + ": " + w.message());
        ctx.out().flush();
        ctx.err().flush();
        return ExitCode.OK;
    }
}
