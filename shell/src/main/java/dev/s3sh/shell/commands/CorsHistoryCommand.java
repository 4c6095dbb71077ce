package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsJson;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.app.CorsHistory;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cors history [s3://BUCKET]}: the configurations saved before each push, newest first. */
public final class CorsHistoryCommand implements Command {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors history")
                .synopsis("cors history [s3://BUCKET]")
                .summary("list the CORS configurations saved before each push (for undo and restore)")
                .help("Before every push s3sh saves the configuration the bucket held, locally, per endpoint and bucket\n"
                        + "(under $XDG_STATE_HOME/s3sh/cors-history). Lists them newest first: number, time (UTC), what the\n"
                        + "bucket held, and the change that replaced it. 'cors restore N' puts one back, 'cors undo' the newest.")
                .positional(ValueKind.BUCKET)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.positionals().size() > 1) throw new UsageException("cors history takes at most one s3://BUCKET");
        String bucket = CorsSource.bucket(ctx, args.positional(0, null), "cors history");
        List<CorsHistory.Entry> entries = entries(ctx, args, bucket);
        if (args.json()) {
            List<Map<String, Object>> list = entries.stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", e.number());
                m.put("time", e.time().toString());
                m.put("summary", e.summary());
                m.put("change", e.change());
                m.put("CORSRules", e.configuration() == null ? null : CorsJson.rules(e.configuration()));
                return m;
            }).toList();
            ctx.printJson(Map.of("bucket", bucket, "entries", list));
            return ExitCode.OK;
        }
        if (entries.isEmpty()) {
            ctx.out().println("s3://" + bucket + ": no saved configurations yet (one is saved before every push)");
        }
        for (CorsHistory.Entry e : entries) {
            ctx.out().printf("%3d  %s  %s%n", e.number(), TIME.format(e.time()), e.summary());
            if (!e.change().isEmpty()) ctx.out().println("     replaced by: " + e.change());
        }
        ctx.out().flush();
        return ExitCode.OK;
    }

    private static List<CorsHistory.Entry> entries(CommandContext ctx, ParsedArgs args, String bucket) {
        try {
            CorsHistory.Listing listing = CorsOutcomes.service(ctx, args).history(bucket);
            for (CorsHistory.Skipped skipped : listing.skipped()) ctx.err().println(CorsOutcomes.skipped(skipped));
            ctx.err().flush();
            return listing.entries();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CORS history of s3://" + bucket + ": " + e.getMessage());
        }
    }
}
