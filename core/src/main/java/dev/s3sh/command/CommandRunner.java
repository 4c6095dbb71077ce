package dev.s3sh.command;

import dev.s3sh.config.Secrets;
import dev.s3sh.session.S3Path;
import dev.s3sh.store.StoreException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one command line (already split into words) and turns every failure into one sentence on
 * the error writer and an exit status. Nothing thrown by a command escapes: the session survives.
 */
public final class CommandRunner {
    private final CommandRegistry registry;
    private final boolean debug;
    private final List<String> defaultArgs;

    /** {@code defaultArgs} (global --output, --yes) apply to every command; the command's own options win. */
    public CommandRunner(CommandRegistry registry, boolean debug, List<String> defaultArgs) {
        this.registry = registry;
        this.debug = debug;
        this.defaultArgs = List.copyOf(defaultArgs);
    }

    public int run(CommandContext ctx, List<String> words) {
        if (words.isEmpty()) return ExitCode.OK;
        var match = registry.match(words);
        boolean json = words.contains("json") && (words.contains("--output") || words.contains("-o"))
                || words.contains("--output=json");
        if (match.isEmpty()) {
            String first = words.get(0);
            String message = registry.isGroup(first)
                    ? (words.size() == 1 ? "'" + first + "' needs a subcommand: " : "'" + first + " " + words.get(1)
                    + "' is not a command; '" + first + "' has: ") + String.join(", ", registry.subcommands(first))
                    : "unknown command '" + first + "': type 'help' for the list";
            return fail(ctx, json, "UsageError", message, ExitCode.USAGE, null);
        }
        Command command = match.get().command();
        List<String> rest = new java.util.ArrayList<>(defaultArgs);
        rest.addAll(words.subList(match.get().wordsUsed(), words.size()));
        json = json || String.join(" ", defaultArgs).contains("--output json");
        try {
            ParsedArgs args = ArgParser.parse(command.spec(), rest);
            json = args.json();
            if (args.has("help")) {
                HelpText.command(ctx.out(), command.spec());
                return ExitCode.OK;
            }
            int status = command.run(ctx, args);
            ctx.out().flush();
            return status;
        } catch (UsageException | S3Path.InvalidPathException e) {
            return fail(ctx, json, "UsageError", e.getMessage(), ExitCode.USAGE, null);
        } catch (InvalidInputException e) {
            if (json) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("code", "InvalidInput");
                error.put("message", scrub(ctx, e.getMessage()));
                error.put("problems", e.problems().stream().map(p -> scrub(ctx, p)).toList());
                ctx.printJson(Map.of("error", error));
            }
            ctx.err().println(scrub(ctx, e.getMessage()));
            for (String problem : e.problems()) ctx.err().println(scrub(ctx, problem));
            ctx.err().flush();
            return ExitCode.INVALID_INPUT;
        } catch (StoreException e) {
            return fail(ctx, json, e.code(), e.getMessage(), ExitCode.FAILURE, e);
        } catch (dev.s3sh.config.ConfigException e) {
            return fail(ctx, json, "InvalidConfiguration", e.getMessage(), ExitCode.INVALID_INPUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(ctx, json, "Interrupted", "interrupted", ExitCode.FAILURE, null);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return fail(ctx, json, "Error", command.spec().name() + " failed: " + message, ExitCode.FAILURE, e);
        }
    }

    /**
     * A message with every secret the session knows masked (a key typed as a command word, say) and
     * control characters shown as escapes (a typed or listed name must not drive the terminal).
     */
    private static String scrub(CommandContext ctx, String message) {
        return S3Path.visible(Secrets.scrub(message, ctx.session().knownSecrets()));
    }

    private int fail(CommandContext ctx, boolean json, String code, String message, int status, Throwable cause) {
        // a failure without words (an interrupted transfer, say) still gets a sentence
        if (message == null || message.isBlank()) message = "Interrupted".equals(code) ? "interrupted" : "failed (" + code + ")";
        message = scrub(ctx, message);
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            ctx.printJson(Map.of("error", error));
        }
        ctx.err().println(message);
        if (debug && cause != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            cause.printStackTrace(new java.io.PrintWriter(trace));
            ctx.err().print(scrub(ctx, trace.toString()));
        }
        ctx.err().flush();
        return status;
    }
}
