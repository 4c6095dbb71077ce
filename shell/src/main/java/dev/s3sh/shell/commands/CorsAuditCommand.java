package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsAudit;
import dev.s3sh.app.CorsAudit.Row;
import dev.s3sh.app.CorsAudit.Target;
import dev.s3sh.app.CorsBehaviours;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.OutputFormat;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.Progress;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.config.ConfigException;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.Dialect;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;
import dev.s3sh.text.StyledLine;
import dev.s3sh.text.StyledLine.Tone;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cors audit}: the CORS state of every bucket (or those given) of one or more profiles, one
 * row per bucket as it comes in. Rendering only: the work is core's {@link CorsAudit}.
 */
public final class CorsAuditCommand implements Command {
    private static final int MAX_JOBS = 64;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors audit")
                .synopsis("cors audit [s3://BUCKET|s3://GLOB]... [--profiles P1,P2 | --all-profiles] [--jobs N] [--dialect D] [--output json|csv]")
                .summary("audit the CORS of many buckets, over one or more profiles (read-only)")
                .help("""
                        For each bucket: whether CORS is set, the rule count, the findings by severity, the rules that
                        let any origin write (PUT, POST or DELETE), whether the verdicts depend on the RGW version
                        (origin-first before the 2026 change, full-match after it: see 'cors detect'), whether anyone may
                        read, write or list the bucket (PUBLIC: from its ACL and policy, as 'info' decides it), and the
                        last change s3sh recorded ('cors history'). Nothing is written.
                        Without buckets every bucket of the profile is audited; s3://prod-* selects by glob (* and ?).
                        --profiles audits each named profile (each its own endpoint and keys), --all-profiles every
                        profile s3sh knows. Requests run in parallel, at most --jobs at a time per endpoint (default %d);
                        when the server answers SlowDown or 503 the audit waits and tries again.
                        A bucket that cannot be read (AccessDenied, NoSuchBucket, a timeout) is one row; the audit goes on.
                        Error-level findings: what the validator refuses for the dialect, and any rule that lets any
                        origin write. --output json prints one object per bucket per line, --output csv a header and
                        one line per bucket. Exit status 0 when every bucket is clean, 1 when any bucket has an
                        error-level finding or could not be read.""".formatted(CorsAudit.DEFAULT_JOBS))
                .option(OptionSpec.value("profiles", ValueKind.TEXT, "audit these profiles (comma-separated names)"))
                .option(OptionSpec.flag("all-profiles", null, "audit every profile s3sh knows"))
                .option(OptionSpec.value("jobs", ValueKind.TEXT, "requests at a time per endpoint (default " + CorsAudit.DEFAULT_JOBS + ")"))
                .option(OptionSpec.value("dialect", ValueKind.DIALECT, "judge as rgw, rgw-2026 or aws instead of each profile's"))
                .positional(ValueKind.BUCKET)
                .variadic()
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws Exception {
        OutputFormat output = args.output();
        if (output == OutputFormat.XML) throw new UsageException("cors audit prints text, json or csv, not xml");
        int jobs = jobs(args.value("jobs", null));
        if (args.has("profiles") && args.has("all-profiles")) throw new UsageException("give --profiles or --all-profiles, not both");
        for (String p : args.positionals()) {
            if (!p.startsWith("s3://")) throw new UsageException("'" + p + "' is not a bucket: write s3://BUCKET or s3://GLOB");
        }
        List<ObjectStore> opened = new ArrayList<>();
        try {
            List<Target> targets = targets(ctx, args, opened);
            boolean manyProfiles = targets.size() > 1;
            Renderer renderer = switch (output) {
                case JSON -> new JsonRows(ctx);
                case CSV -> new CsvRows(ctx);
                default -> new TableRows(ctx, manyProfiles);
            };
            Progress[] progress = {Progress.NONE};
            CorsAudit.Summary summary = new CorsAudit(ctx.stateDir(), jobs).run(targets, args.positionals(), new CorsAudit.Listener() {
                @Override
                public void started(int buckets) {
                    progress[0] = ctx.progressCount(args, "auditing", buckets, "buckets");
                    renderer.header();
                }

                @Override
                public void row(Row row) {
                    progress[0].done();
                    renderer.row(row);
                    progress[0].advance(1);
                }
            });
            progress[0].done();
            renderer.summary(summary);
            return summary.clean() ? ExitCode.OK : ExitCode.FAILURE;
        } finally {
            for (ObjectStore s : opened) s.close();
        }
    }

    static int jobs(String value) {
        if (value == null) return CorsAudit.DEFAULT_JOBS;
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_JOBS) return n;
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new UsageException("--jobs must be a whole number from 1 to " + MAX_JOBS + ", not '" + value + "'");
    }

    /** The session's profile, or the named ones; a profile that cannot be used is a target that says why. */
    private static List<Target> targets(CommandContext ctx, ParsedArgs args, List<ObjectStore> opened) {
        Profile current = ctx.session().profile();
        List<String> names;
        if (args.has("all-profiles")) {
            names = ctx.session().catalog().list().stream().map(e -> e.name()).toList();
        } else if (args.has("profiles")) {
            names = Arrays.stream(args.value("profiles", "").split(",")).map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
            if (names.isEmpty()) throw new UsageException("--profiles needs names, e.g. --profiles prod,staging");
        } else {
            return List.of(new Target(current == null ? "" : current.name(), current == null ? "" : current.endpointLabel(),
                    ctx.session().store(), dialect(ctx, args, current), null));
        }
        List<Target> targets = new ArrayList<>();
        for (String name : names) {
            Profile p;
            try {
                p = current != null && name.equals(current.name()) ? current : ctx.session().catalog().load(name).profile();
            } catch (ConfigException e) {
                targets.add(Target.unusable(name, "cannot use profile " + name + ": " + e.getMessage()));
                continue;
            }
            if (!p.hasCredentials()) {
                targets.add(Target.unusable(name, "profile " + name + " has no credentials"));
                continue;
            }
            ObjectStore store;
            try {
                if (p == current) {
                    store = ctx.session().store();
                } else {
                    store = ctx.session().openStore(p);
                    opened.add(store);
                }
            } catch (StoreException e) {
                targets.add(Target.unusable(name, e.getMessage()));
                continue;
            }
            targets.add(new Target(name, p.endpointLabel(), store, dialect(ctx, args, p), null));
        }
        return targets;
    }

    /** As {@link CorsSource#dialect}, per profile: --dialect, the profile's, or what 'cors detect' found for its endpoint. */
    private static Dialect dialect(CommandContext ctx, ParsedArgs args, Profile profile) {
        String given = args.value("dialect", null);
        if (given != null) return Dialect.of(given);
        if (profile == null) return Dialect.RGW;
        Dialect own = Dialect.of(profile.effectiveDialect());
        if (own.isRgw() && profile.dialect() == null) {
            var seen = new CorsBehaviours(ctx.stateDir()).get(profile.endpointLabel());
            if (seen.isPresent()) return seen.get().behaviour().dialect();
        }
        return own;
    }

    // ------------------------------------------------------------------ rendering

    private interface Renderer {
        default void header() {
        }

        void row(Row row);

        default void summary(CorsAudit.Summary s) {
        }
    }

    static String lastChange(Row r) {
        return r.lastChange() == null ? "-" : WHEN.format(r.lastChange().time()) + " " + r.lastChange().change();
    }

    /** What anyone may do ("read,write,list", "-" nothing); "?" when the ACL or the policy could not be read. */
    static String publicSummary(Row r) {
        if (r.open() == null) return r.state() == CorsAudit.State.FAILED ? "" : "?";
        return r.open().summary();
    }

    /** As {@code info --output json} gives it: read, write, list and why; null with the reason when it could not be read. */
    static Map<String, Object> publicJson(Row r) {
        if (r.open() == null) {
            if (r.openFailure() == null) return null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("read", null);
            m.put("write", null);
            m.put("list", null);
            m.put("error", r.openFailure());
            return m;
        }
        return InfoCommand.publicJson(r.open());
    }

    static String rules(List<Integer> rules) {
        return rules.isEmpty() ? "-" : "rule " + String.join(",", rules.stream().map(String::valueOf).toList());
    }

    /** A table whose columns have fixed widths, so each row is printed the moment it is ready. */
    private static final class TableRows implements Renderer {
        private final CommandContext ctx;
        private final boolean profiles;

        TableRows(CommandContext ctx, boolean profiles) {
            this.ctx = ctx;
            this.profiles = profiles;
        }

        @Override
        public void header() {
            ctx.println(new StyledLine().add(line("PROFILE", "BUCKET", "CORS", "RULES", "ERR", "WARN", "INFO", "ANY-ORIGIN-WRITE",
                    "RGW-VERSION", "PUBLIC", "LAST CHANGE"), Tone.BOLD));
        }

        private String line(String profile, String bucket, String cors, String rules, String err, String warn, String info,
                            String write, String version, String open, String last) {
            return (profiles ? String.format("%-12s ", profile) : "")
                    + String.format("%-40s %-6s %5s %4s %4s %4s  %-16s %-11s %-15s %s", bucket, cors, rules, err, warn, info, write, version,
                    open, last);
        }

        @Override
        public void row(Row r) {
            StyledLine out = new StyledLine();
            if (profiles) out.plain(String.format("%-12s ", r.profile()));
            if (r.state() == CorsAudit.State.FAILED) {
                out.plain(String.format("%-40s ", r.bucket())).add("FAILED", Tone.BAD).plain("  " + r.errorCode() + ": " + r.failure());
                ctx.println(out);
                return;
            }
            boolean set = r.state() == CorsAudit.State.SET;
            out.plain(String.format("%-40s ", r.bucket()))
                    .add(String.format("%-6s", set ? "set" : "none"), set ? Tone.PLAIN : Tone.DIM)
                    .plain(String.format(" %5s ", set ? String.valueOf(r.rules()) : "-"))
                    .add(String.format("%4d", r.errors()), r.errors() > 0 ? Tone.BAD : Tone.PLAIN).plain(" ")
                    .add(String.format("%4d", r.warnings()), r.warnings() > 0 ? Tone.WARN : Tone.PLAIN).plain(" ")
                    .plain(String.format("%4d  ", r.infos()))
                    .add(String.format("%-16s", rules(r.anyOriginWrite())), r.anyOriginWrite().isEmpty() ? Tone.PLAIN : Tone.BAD).plain(" ")
                    .add(String.format("%-11s", r.versionDependent() ? "depends" : "-"), r.versionDependent() ? Tone.WARN : Tone.PLAIN).plain(" ")
                    .add(String.format("%-15s", publicSummary(r)), r.open() == null ? Tone.DIM
                            : r.open().write().open() ? Tone.BAD : r.open().read().open() || r.open().list().open() ? Tone.WARN : Tone.PLAIN)
                    .plain(" " + lastChange(r));
            ctx.println(out);
        }

        @Override
        public void summary(CorsAudit.Summary s) {
            ctx.println(new StyledLine().add(s.buckets() + (s.buckets() == 1 ? " bucket" : " buckets") + ": " + s.withCors() + " with CORS, "
                    + s.withErrors() + " with errors, " + s.anyOriginWrite() + " let any origin write, " + s.versionDependent()
                    + " depend on the RGW version, " + s.failed() + " could not be read", s.clean() ? Tone.GOOD : Tone.BAD));
        }
    }

    /** One JSON object per bucket per line (JSON Lines), printed as each comes in. */
    private record JsonRows(CommandContext ctx) implements Renderer {
        @Override
        public void row(Row r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("profile", r.profile());
            m.put("endpoint", r.endpoint());
            m.put("bucket", r.bucket());
            m.put("state", r.state().name().toLowerCase());
            m.put("cors", r.state() == CorsAudit.State.FAILED ? null : r.state() == CorsAudit.State.SET);
            m.put("rules", r.state() == CorsAudit.State.SET ? r.rules() : null);
            Map<String, Integer> findings = new LinkedHashMap<>();
            findings.put("error", r.errors());
            findings.put("warning", r.warnings());
            findings.put("info", r.infos());
            m.put("findings", findings);
            m.put("anyOriginWrite", !r.anyOriginWrite().isEmpty());
            m.put("anyOriginWriteRules", r.anyOriginWrite());
            m.put("versionDependent", r.versionDependent());
            m.put("public", publicJson(r));
            if (r.lastChange() == null) {
                m.put("lastChange", null);
            } else {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("time", r.lastChange().time().toString());
                c.put("change", r.lastChange().change());
                m.put("lastChange", c);
            }
            if (r.state() == CorsAudit.State.FAILED) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("code", r.errorCode());
                e.put("message", r.failure());
                m.put("error", e);
            } else {
                m.put("error", null);
            }
            ctx.printJson(m);
        }
    }

    /** RFC 4180 CSV: a header, then one line per bucket. */
    private record CsvRows(CommandContext ctx) implements Renderer {
        @Override
        public void header() {
            ctx.out().println("profile,endpoint,bucket,state,rules,errors,warnings,infos,any_origin_write_rules,version_dependent,"
                    + "last_change_time,last_change,error_code,error,public_read,public_write,public_list");
        }

        @Override
        public void row(Row r) {
            List<String> f = List.of(r.profile(), r.endpoint(), r.bucket(), r.state().name().toLowerCase(),
                    r.state() == CorsAudit.State.SET ? String.valueOf(r.rules()) : "",
                    String.valueOf(r.errors()), String.valueOf(r.warnings()), String.valueOf(r.infos()),
                    String.join(" ", r.anyOriginWrite().stream().map(String::valueOf).toList()),
                    String.valueOf(r.versionDependent()),
                    r.lastChange() == null ? "" : r.lastChange().time().toString(),
                    r.lastChange() == null ? "" : r.lastChange().change(),
                    r.errorCode() == null ? "" : r.errorCode(), r.failure() == null ? "" : r.failure(),
                    r.open() == null ? "" : String.valueOf(r.open().read().open()),
                    r.open() == null ? "" : String.valueOf(r.open().write().open()),
                    r.open() == null ? "" : String.valueOf(r.open().list().open()));
            ctx.out().println(String.join(",", f.stream().map(CsvRows::field).toList()));
        }

        static String field(String v) {
            if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
            return '"' + v.replace("\"", "\"\"") + '"';
        }
    }
}
