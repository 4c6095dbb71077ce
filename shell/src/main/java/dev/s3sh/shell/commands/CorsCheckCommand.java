package dev.s3sh.shell.commands;

import dev.s3sh.cors.BrowserCors;
import dev.s3sh.cors.CorsDecision;
import dev.s3sh.cors.CorsEvaluator;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.Dialect;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cors check}: simulates a browser request against a configuration (a file or a bucket's live
 * one) and prints what the server would answer (docs/architecture.md, the command contract). Exit 0 whether allowed or denied.
 */
public final class CorsCheckCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors check")
                .synopsis("cors check (--file FILE | s3://BUCKET) --origin O --method M [--header H]... [--actual [--authorized]] [--dialect rgw|rgw-2026|aws]")
                .summary("tell whether a CORS configuration allows a browser request, and why")
                .help("Simulates the preflight (OPTIONS) a browser sends before a cross-origin request, or with --actual the\n"
                        + "request itself, and prints the verdict, the status and the exact Access-Control-* and Vary headers the\n"
                        + "server would send, the deciding rule, and for a denial the smallest change that would allow it.\n"
                        + "--header names a header the request sends (Access-Control-Request-Headers); --authorized says an\n"
                        + "--actual request carries an Authorization header (signed; presigned URLs carry none).\n"
                        + "The dialect (rgw: Ceph RGW and Linode; aws: AWS S3) defaults to the profile's.\n"
                        + "For a bucket on a loopback or private address, a note says that Chrome 142+ asks the user first\n"
                        + "(Local Network Access).\n"
                        + "Exit status 0 whether allowed or denied, 3 when the file is not a valid CORS document.")
                .option(OptionSpec.value("file", ValueKind.LOCAL_FILE, "read the configuration from this XML or JSON file"))
                .option(OptionSpec.value("origin", ValueKind.TEXT, "the page's origin, e.g. https://app.example.com"))
                .option(OptionSpec.value("method", ValueKind.HTTP_METHOD, "the method of the request"))
                .option(OptionSpec.repeated("header", ValueKind.TEXT, "a header the request sends (repeatable)"))
                .option(OptionSpec.flag("actual", null, "evaluate the actual request instead of its preflight"))
                .option(OptionSpec.flag("authorized", null, "the actual request carries an Authorization header"))
                .option(OptionSpec.flag("credentials", null, "the page sends credentials (fetch credentials:'include'): the browser then also needs Allow-Credentials"))
                .option(OptionSpec.value("dialect", ValueKind.DIALECT, "whose semantics: rgw, rgw-2026 or aws"))
                .positional(ValueKind.BUCKET)
                .build();
    }

    /**
     * A request with credentials passes the server and still fails in the browser unless the answer
     * echoes the origin and says Access-Control-Allow-Credentials: true, which RGW never sends.
     */
    static CorsDecision withCredentials(CorsDecision d, String origin, String method) {
        if (!d.allowed()) return d;
        String problem = BrowserCors.responseProblem(origin, BrowserCors.Fetch.of(method).withCredentials(), d.headers());
        if (problem == null) return d;
        List<String> explanation = new java.util.ArrayList<>(d.explanation());
        explanation.add("the server would allow it, but the browser blocks a request with credentials: " + problem);
        return new CorsDecision(false, d.rule(), d.status(), d.errorCode(), d.headers(),
                "the browser blocks it: " + problem,
                explanation, "send the request without credentials (fetch credentials:'omit' or 'same-origin'); "
                + "sign it or use a presigned URL instead of cookies, since RGW never sends Access-Control-Allow-Credentials");
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String file = args.value("file", null);
        String bucket = args.positional(0, null);
        if (args.positionals().size() > 1) throw new UsageException("cors check takes one bucket, not " + args.positionals().size());
        if ((file == null) == (bucket == null)) {
            throw new UsageException("cors check needs either --file FILE or s3://BUCKET" + (file != null ? ", not both" : ""));
        }
        String origin = args.value("origin", null);
        String method = args.value("method", null);
        if (origin == null) throw new UsageException("cors check needs --origin, e.g. --origin https://app.example.com");
        if (method == null) throw new UsageException("cors check needs --method, e.g. --method PUT");
        if (args.has("authorized") && !args.has("actual")) throw new UsageException("--authorized describes an actual request: add --actual");
        Dialect dialect = CorsSource.dialect(ctx, args);
        List<String> headers = args.values("header");
        CorsRequest request = args.has("actual")
                ? CorsRequest.actual(method, origin, args.has("authorized")).withRequestHeaders(headers.isEmpty() ? null : String.join(", ", headers))
                : CorsRequest.preflight(origin, method, headers);
        CorsSource source = file != null ? CorsSource.fromFile(file) : CorsSource.fromBucket(ctx, bucket, true);
        CorsDecision d = source.bucketMissing() ? CorsEvaluator.bucketMissing(dialect, request)
                : CorsEvaluator.evaluate(source.config(), dialect, request);
        if (args.has("credentials")) d = withCredentials(d, origin, method);
        // text only: the JSON object of cors check is an outside contract with exactly five fields
        String localNetwork = args.json() || bucket == null ? null : LocalNetworkAccess.warning(ctx.session().profile(), ctx.session().resolve(bucket).bucket());
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("allowed", d.allowed());
            doc.put("rule", d.rule());
            doc.put("status", d.status());
            doc.put("headers", d.headers());
            doc.put("reason", d.reason());
            ctx.printJson(doc);
            return ExitCode.OK;
        }
        PrintWriter out = ctx.out();
        out.println((d.allowed() ? "ALLOWED" + (d.rule() != null ? " by rule " + d.rule() : "") : "DENIED")
                + " (" + dialect.id() + ", " + (request.preflight() ? "preflight" : "actual request") + " from " + source.label() + ")");
        out.println("status:  " + d.status() + (d.errorCode() != null ? " " + d.errorCode() : ""));
        if (d.headers().isEmpty()) {
            out.println("headers: none");
        } else {
            out.println("headers:");
            d.headers().forEach((name, value) -> out.println("  " + name + ": " + value));
        }
        out.println("why:");
        for (String step : d.explanation()) out.println("  - " + step);
        if (d.suggestion() != null) out.println("suggestion: " + d.suggestion());
        if (localNetwork != null) out.println("note: " + localNetwork);
        out.flush();
        return ExitCode.OK;
    }
}
