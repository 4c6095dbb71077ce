package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDecision;
import dev.s3sh.cors.CorsEvaluator;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.ProbeRequest;
import dev.s3sh.store.ProbeResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code cors probe}: sends the real preflight (or with --actual a real GET/HEAD) to the endpoint and
 * puts the server's answer beside the evaluator's prediction. Replaces the tutorial's
 * {@code s3cmd signurl} + {@code curl -v} troubleshooting.
 */
public final class CorsProbeCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors probe")
                .synopsis("cors probe [s3://BUCKET[/KEY]] --origin O --method M [--header H]... [--actual [--authorized]] [--dialect rgw|rgw-2026|aws] [--verbose]")
                .summary("send a real preflight to the endpoint and compare it with the prediction")
                .help("""
                        Sends the OPTIONS request a browser would send (or with --actual the GET/HEAD itself, signed
                        with --authorized) and shows the server's status and every Access-Control-* and Vary header
                        beside what 'cors check' predicts for the bucket's live configuration. Says plainly whether
                        they agree and names each difference. --verbose prints the raw exchange (signatures redacted).
                        A probe never writes: actual probes are limited to GET and HEAD.
                        When the endpoint's address is loopback or private, a note says that Chrome 142+
                        asks the user before a public page may call it (Local Network Access).
                        Exit status 0 when server and prediction agree, 1 when they differ.""")
                .option(OptionSpec.value("origin", ValueKind.TEXT, "the page's origin, e.g. https://app.example.com"))
                .option(OptionSpec.value("method", ValueKind.HTTP_METHOD, "the method of the request"))
                .option(OptionSpec.repeated("header", ValueKind.TEXT, "a header the request sends (repeatable)"))
                .option(OptionSpec.flag("actual", null, "send the actual GET/HEAD instead of the preflight"))
                .option(OptionSpec.flag("authorized", null, "sign the actual request (Authorization header)"))
                .option(OptionSpec.value("dialect", ValueKind.DIALECT, "whose semantics to predict with: rgw, rgw-2026 or aws"))
                .option(OptionSpec.flag("verbose", 'v', "show the raw exchange"))
                .positional(ValueKind.S3_PATH)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        S3Path path = ctx.session().resolve(args.positional(0, ""));
        if (path.isRoot()) throw new UsageException("cors probe needs a bucket: give s3://BUCKET[/KEY] or cd into one");
        String origin = args.value("origin", null);
        String method = args.value("method", null);
        if (origin == null) throw new UsageException("cors probe needs --origin, e.g. --origin https://app.example.com");
        if (method == null) throw new UsageException("cors probe needs --method, e.g. --method GET");
        if (args.has("authorized") && !args.has("actual")) throw new UsageException("--authorized describes an actual request: add --actual");
        boolean actual = args.has("actual");
        method = method.toUpperCase(Locale.ROOT);
        List<String> headers = args.values("header");
        String key = path.key().isEmpty() ? null : path.key();

        Dialect dialect = CorsSource.dialect(ctx, args);
        CorsConfiguration config = ctx.session().store().getCors(path.bucket()).orElse(null);
        CorsRequest request = actual
                ? CorsRequest.actual(method, origin, args.has("authorized")).withRequestHeaders(headers.isEmpty() ? null : String.join(", ", headers))
                : CorsRequest.preflight(origin, method, headers);
        CorsDecision predicted = CorsEvaluator.evaluate(config, dialect, request);
        ProbeResult server = ctx.session().store().probe(
                new ProbeRequest(path.bucket(), key, !actual, method, origin, headers, args.has("authorized")));

        List<String> differences = differences(predicted, server, !actual);
        boolean agree = differences.isEmpty();
        String localNetwork = LocalNetworkAccess.warning(ctx.session().profile(), path.bucket());
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("agree", agree);
            doc.put("dialect", dialect.id());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("allowed", predicted.allowed());
            p.put("rule", predicted.rule());
            p.put("status", predicted.status());
            p.put("headers", predicted.headers());
            p.put("reason", predicted.reason());
            doc.put("predicted", p);
            doc.put("server", Map.of("status", server.status(), "headers", server.corsHeaders()));
            doc.put("differences", differences);
            doc.put("localNetwork", localNetwork);
            ctx.printJson(doc);
            return agree ? ExitCode.OK : ExitCode.FAILURE;
        }
        PrintWriter out = ctx.out();
        String what = actual ? (args.has("authorized") ? "signed " : "anonymous ") + method : "preflight OPTIONS for " + method;
        out.println(what + " " + path + " from " + origin + (headers.isEmpty() ? "" : " with " + String.join(", ", headers)));
        if (args.has("verbose")) {
            out.println(server.exchange().stripTrailing());
            out.println();
        }
        TreeSet<String> names = new TreeSet<>(predicted.headers().keySet());
        names.addAll(server.corsHeaders().keySet());
        int width = Math.max(16, names.stream().mapToInt(String::length).max().orElse(0)) + 2;
        String row = "%-" + width + "s %-34s %s%n";
        out.printf(row, "", "predicted (" + dialect.id() + ")", "server");
        out.printf(row, "status", predicted.status(), server.status());
        for (String name : names) {
            out.printf(row, name, predicted.headers().getOrDefault(name, "-"), server.corsHeaders().getOrDefault(name, "-"));
        }
        out.println();
        out.println("prediction: " + predicted.reason());
        if (agree) {
            out.println("agree: the server answered exactly as predicted");
        } else {
            out.println("DISAGREE: " + String.join("; ", differences));
        }
        if (localNetwork != null) out.println("note: " + localNetwork);
        out.flush();
        return agree ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** Each way the server's answer differs from the prediction, in words. Status counts for preflights only. */
    static List<String> differences(CorsDecision predicted, ProbeResult server, boolean preflight) {
        List<String> found = new ArrayList<>();
        if (preflight && predicted.status() != server.status()) {
            found.add("status: predicted " + predicted.status() + ", server " + server.status());
        }
        TreeSet<String> names = new TreeSet<>(predicted.headers().keySet());
        names.addAll(server.corsHeaders().keySet());
        for (String name : names) {
            String p = predicted.headers().get(name);
            String s = server.corsHeaders().get(name);
            if (!Objects.equals(p, s)) {
                found.add(name + ": predicted " + (p == null ? "none" : "'" + p + "'") + ", server " + (s == null ? "none" : "'" + s + "'"));
            }
        }
        return found;
    }
}
