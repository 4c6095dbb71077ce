package dev.s3sh.lifecycle;

import dev.s3sh.lifecycle.Lifecycle.Expiration;
import dev.s3sh.lifecycle.Lifecycle.Rule;

import java.util.List;

/** Starting lifecycle configurations for the common jobs. */
public final class LifecycleTemplates {
    public record Template(String name, String description) {
    }

    public static final List<Template> ALL = List.of(
            new Template("expire", "delete objects (under --prefix P) N days after they were written (--days N, default 30)"),
            new Template("abort-incomplete-uploads", "abort multipart uploads left unfinished for N days (--days N, default 7): the rule every bucket should have"));

    private LifecycleTemplates() {
    }

    public static Lifecycle lifecycle(String name, int days, String prefix) {
        if (days < 1) throw new IllegalArgumentException("--days is a whole number of days, 1 or more");
        String p = prefix == null ? "" : prefix;
        return switch (name) {
            case "expire" -> new Lifecycle(List.of(expire(days, p)));
            case "abort-incomplete-uploads" -> new Lifecycle(List.of(new Rule("abort-incomplete-uploads-after-" + days + "-days", null,
                    LifecycleXml.prefixFilter(p), "Enabled", null, null, Integer.toString(days), List.of())));
            default -> throw new IllegalArgumentException("no lifecycle template '" + name + "': the templates are "
                    + String.join(", ", ALL.stream().map(Template::name).toList()));
        };
    }

    /** One rule: objects under {@code prefix} expire {@code days} days after they were written (s3cmd's expire). */
    public static Rule expire(int days, String prefix) {
        return new Rule("expire-after-" + days + "-days", null, LifecycleXml.prefixFilter(prefix), "Enabled",
                new Expiration(Integer.toString(days), null, null), null, null, List.of());
    }

    /** One rule: objects under {@code prefix} expire on {@code date} (s3cmd's expire --expiry-date). */
    public static Rule expireOn(String date, String prefix) {
        return new Rule("expire-on-" + date, null, LifecycleXml.prefixFilter(prefix), "Enabled",
                new Expiration(null, date, null), null, null, List.of());
    }
}
