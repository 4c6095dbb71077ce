package dev.s3sh.shell.commands;

import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code signurl}: a SigV4 presigned URL, with s3cmd's {@code +SECONDS}/epoch syntax or {@code --expires 1h}. */
public final class SignurlCommand implements Command {
    static final Duration MAX = Duration.ofDays(7);

    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("signurl")
                .aliases("presign")
                .synopsis("signurl PATH [+SECONDS|EPOCH] [--expires DURATION] [--method GET|PUT|HEAD|DELETE]")
                .summary("print a presigned URL for an object")
                .help("""
                        The URL lets anyone holding it perform METHOD (default GET) on the object until it expires:
                        +300 (seconds from now, as in s3cmd), an epoch time such as 1767225600, or --expires 90s,
                        15m, 1h, 7d (default 1h; at most 7 days, a SigV4 limit). The URL uses the profile's
                        endpoint, scheme and addressing style.""")
                .option(OptionSpec.value("expires", ValueKind.TEXT, "how long the URL works: 300, 90s, 15m, 1h, 7d"))
                .option(OptionSpec.value("method", ValueKind.choice("GET", "PUT", "HEAD", "DELETE"), "HTTP method the URL allows"))
                .positional(ValueKind.S3_PATH).positional(ValueKind.TEXT)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String text = args.positional(0, null);
        if (text == null) throw new UsageException("signurl needs an object: signurl s3://BUCKET/KEY +3600");
        S3Path path = ctx.session().resolve(text);
        if (path.isRoot() || path.key().isEmpty()) throw new UsageException("signurl takes an object: s3://BUCKET/KEY");
        Duration ttl = ttl(args.positional(1, null), args.value("expires", null), Instant.now());
        String method = args.value("method", "GET");
        URL url = ctx.session().store().presign(method, path.bucket(), path.key(), ttl);
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("url", url.toString());
            doc.put("method", method);
            doc.put("expires", Instant.now().plus(ttl).toString());
            ctx.printJson(doc);
        } else {
            ctx.out().println(url);
            ctx.out().flush();
        }
        return ExitCode.OK;
    }

    /** From s3cmd's {@code +SECONDS} or epoch, or a duration; default one hour. */
    static Duration ttl(String when, String expires, Instant now) {
        if (when != null && expires != null) throw new UsageException("give either +SECONDS/EPOCH or --expires, not both");
        Duration ttl;
        if (when != null) {
            if (when.matches("\\+\\d+")) {
                ttl = Duration.ofSeconds(Long.parseLong(when.substring(1)));
            } else if (when.matches("\\d+")) {
                ttl = Duration.between(now, Instant.ofEpochSecond(Long.parseLong(when)));
                if (ttl.isNegative() || ttl.isZero()) throw new UsageException("epoch " + when + " is in the past");
            } else {
                throw new UsageException("expiry must be +SECONDS or an epoch time, not '" + when + "'");
            }
        } else if (expires != null) {
            ttl = duration(expires);
        } else {
            ttl = Duration.ofHours(1);
        }
        if (ttl.isZero() || ttl.isNegative()) throw new UsageException("the URL must be valid for at least one second");
        if (ttl.compareTo(MAX) > 0) throw new UsageException("a SigV4 URL is valid for at most 7 days (604800 seconds)");
        return ttl;
    }

    static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)([smhd]?)").matcher(text.trim().toLowerCase());
        if (!m.matches()) throw new UsageException("--expires needs a duration such as 300, 90s, 15m, 1h or 7d, not '" + text + "'");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
