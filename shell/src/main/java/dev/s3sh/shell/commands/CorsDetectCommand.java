package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsBehaviours;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDetector;
import dev.s3sh.cors.CorsDetector.Detection;
import dev.s3sh.cors.CorsDetector.Probe;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.S3Path;
import dev.s3sh.store.ProbeRequest;
import dev.s3sh.store.ProbeResult;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cors detect}: which of RGW's two rule choices the live server runs (origin-first, before
 * Ceph PR #69190; full-match, after it and on AWS), found without changing the bucket: from the
 * bucket's own rules it computes a preflight the two answer differently, sends it anonymously and
 * reads the answer. The answer is remembered for the endpoint; check, lint and probe use it.
 */
public final class CorsDetectCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors detect")
                .synopsis("cors detect [s3://BUCKET]")
                .summary("find out which CORS rule choice the server runs (origin-first or full-match), read-only")
                .help("""
                        Ceph RGW changed in 2026 how it picks a CORS rule: before, the first rule whose origin matches
                        decides alone (origin-first); after Ceph PR #69190, the first rule that matches origin, method
                        and headers decides (full-match), as on AWS. From the bucket's own rules this finds a preflight
                        the two answer differently, sends it (an anonymous OPTIONS request, which changes nothing) and
                        reads the answer. When no such request exists the difference does not matter for this bucket.
                        The answer is remembered for the endpoint: 'cors check', 'cors lint' and 'cors probe' then
                        predict with it unless --dialect or the profile's dialect says otherwise.
                        Exit status 0 with an answer (also "does not matter"), 1 when the server could not be asked.""")
                .positional(ValueKind.S3_DIR)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        S3Path path = ctx.session().resolve(args.positional(0, ""));
        if (path.isRoot()) throw new UsageException("cors detect needs a bucket: give s3://BUCKET or cd into one");
        String bucket = path.bucket();
        CorsConfiguration config = ctx.session().store().getCors(bucket).orElse(null);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bucket", bucket);
        if (config == null || config.rules().isEmpty()) {
            return answer(ctx, args, json, "does-not-matter", null,
                    "s3://" + bucket + " has no CORS configuration, so both behaviours deny every cross-origin request: "
                            + "the difference does not matter here");
        }
        Probe probe = CorsDetector.probe(config).orElse(null);
        if (probe == null) {
            return answer(ctx, args, json, "does-not-matter", null,
                    "every request gets the same answer from origin-first and full-match for the rules of s3://" + bucket
                            + ": the difference does not matter here");
        }
        CorsRequest r = probe.request();
        List<String> headers = r.requestHeaders() == null ? List.of()
                : Arrays.stream(r.requestHeaders().split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
        ProbeResult result = ctx.session().store().probe(
                new ProbeRequest(bucket, null, true, r.requestMethod(), r.origin(), headers, false));
        Detection d = CorsDetector.interpret(probe, result.status(), result.corsHeaders());
        json.put("request", CorsDetector.describe(r));
        json.put("status", result.status());
        String endpoint = ctx.session().profile().endpointLabel();
        try {
            new CorsBehaviours(ctx.stateDir()).remember(endpoint, d.behaviour(), Instant.now());
        } catch (IOException e) {
            ctx.err().println("warning: could not remember the answer for " + endpoint + ": " + e.getMessage());
        }
        return answer(ctx, args, json, d.behaviour().id(), d.behaviour() == CorsDetector.Behaviour.UNKNOWN ? null : d.behaviour().dialect(),
                d.explanation());
    }

    private static int answer(CommandContext ctx, ParsedArgs args, Map<String, Object> json, String behaviour, Dialect dialect,
                              String explanation) {
        if (args.json()) {
            json.put("behaviour", behaviour);
            json.put("dialect", dialect == null ? null : dialect.id());
            json.put("explanation", explanation);
            ctx.printJson(json);
        } else {
            ctx.out().println(behaviour + (dialect == null ? "" : " (dialect " + dialect.id() + ")") + ": " + explanation);
        }
        return ExitCode.OK;
    }
}
