package dev.s3sh.shell.commands;

import dev.s3sh.command.CommandContext;
import dev.s3sh.policy.PolicyDiff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON answers that policy and lifecycle commands share: a history listing and a diff with the bucket. */
final class DocumentJson {
    private DocumentJson() {
    }

    /** One saved entry of 'history': its number, when it was saved, what it held and what came next. */
    static Map<String, Object> entry(int number, Object time, String summary, String change) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("number", number);
        entry.put("time", String.valueOf(time));
        entry.put("summary", summary);
        entry.put("change", change);
        return entry;
    }

    static void history(CommandContext ctx, String bucket, List<Map<String, Object>> entries) {
        ctx.printJson(Map.of("bucket", bucket, "entries", entries));
    }

    /** 'diff FILE s3://BUCKET': {@code same}, and the diff text when they differ. */
    static void diff(CommandContext ctx, String bucket, String file, PolicyDiff diff) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("bucket", bucket);
        answer.put("file", file);
        answer.put("same", diff.same());
        answer.put("diff", diff.same() ? null : diff.render("s3://" + bucket + " (server)", file));
        ctx.printJson(answer);
    }
}
