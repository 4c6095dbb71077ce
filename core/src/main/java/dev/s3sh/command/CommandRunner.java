package dev.s3sh.command;

import dev.s3sh.config.Secrets;
import dev.s3sh.session.S3Path;
import dev.s3sh.store.StoreException;

import dev.s3sh.config.DidYouMean;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one command line (already split into words) and turns every failure into one sentence on
 * the error writer and an exit status. Nothing thrown by a command escapes: the session survives.
 */
public final class CommandRunner {
    /** What one line came to: its status, and whether the front end should stop ({@code exit}). */
    public record Outcome(int status, boolean leave) {
    }

    private final CommandRegistry registry;
    private final boolean debug;
    private final List<String> defaultArgs;
    private final OutputFormat defaultOutput;

    /** {@code defaultArgs} (global --output, --yes) apply to every command; the command's own options win. */
    public CommandRunner(CommandRegistry registry, boolean debug, List<String> defaultArgs) {
        this.registry = registry;
        this.debug = debug;
        this.defaultArgs = List.copyOf(defaultArgs);
        this.defaultOutput = CommandLineParser.parseArgs(CommandSpec.builder("s3sh").build(), defaultArgs).output();
    }

    /** Runs one line and returns its status ({@code exit} counts as success). */
    public int run(CommandContext ctx, List<String> words) {
        return execute(ctx, words).status();
    }

    /** Runs one line; the outcome also says whether the line asked the front end to stop. */
    public Outcome execute(CommandContext ctx, List<String> words) {
        if (words.isEmpty()) return new Outcome(ExitCode.OK, false);
        // the lenient reading finds --output even on a line the strict parse refuses, so errors can answer in JSON
        LineAnalysis reading = CommandLineParser.analyse(registry, words);
        boolean json = reading.usedOptions().contains("output") ? reading.output() == OutputFormat.JSON
                : defaultOutput == OutputFormat.JSON;
        var match = reading.match();
        if (match.isEmpty()) {
            String first = words.get(0);
            String message;
            if (registry.isGroup(first)) {
                List<String> subs = registry.subcommands(first);
                message = words.size() == 1 ? "'" + first + "' needs a subcommand: " + String.join(", ", subs)
                        : "'" + first + " " + words.get(1) + "' is not a command" + DidYouMean.closest(words.get(1), subs)
                        .map(n -> " (did you mean '" + first + " " + n + "'?)").orElse("") + "; '" + first + "' has: "
                        + String.join(", ", subs);
            } else {
                message = "unknown command '" + first + "'" + DidYouMean.closest(first, registry.firstWords())
                        .map(n -> ": did you mean '" + n + "'? (type 'help' for the list)").orElse(": type 'help' for the list");
            }
            return new Outcome(fail(ctx, json, "UsageError", message, ExitCode.USAGE, null), false);
        }
        Command command = match.get().command();
        List<String> rest = new ArrayList<>(defaultArgs);
        rest.addAll(words.subList(match.get().wordsUsed(), words.size()));
        try {
            ParsedArgs args = CommandLineParser.parseArgs(command.spec(), rest);
            json = args.json();
            if (args.has("help")) {
                HelpText.command(ctx.out(), command.spec());
                return new Outcome(ExitCode.OK, false);
            }
            int status = command.run(ctx, args);
            ctx.out().flush();
            return status == ExitCode.LEAVE ? new Outcome(ExitCode.OK, true) : new Outcome(status, false);
        } catch (UsageException | S3Path.InvalidPathException e) {
            return new Outcome(fail(ctx, json, "UsageError", e.getMessage(), ExitCode.USAGE, null), false);
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
            return new Outcome(ExitCode.INVALID_INPUT, false);
        } catch (StoreException e) {
            return new Outcome(fail(ctx, json, e.code(), e.getMessage(), ExitCode.FAILURE, e), false);
        } catch (dev.s3sh.config.ConfigException e) {
            return new Outcome(fail(ctx, json, "InvalidConfiguration", e.getMessage(), ExitCode.INVALID_INPUT, e), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(fail(ctx, json, "Interrupted", "interrupted", ExitCode.INTERRUPTED, null), false);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Outcome(fail(ctx, json, "Error", command.spec().name() + " failed: " + message, ExitCode.FAILURE, e), false);
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
