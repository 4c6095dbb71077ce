package dev.s3sh.cors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starting points for a CORS configuration, each with a comment that says what to change. */
public final class CorsTemplates {
    /** A template: its name, what it is for, the rules, and what to adapt (XML comment text). */
    public record Template(String name, String summary, CorsConfiguration configuration, String notes) {
        /** The rules as XML with the notes in a comment at the top. */
        public String xml() {
            return "<!-- " + name + ": " + summary + "\n     " + notes.replace("\n", "\n     ") + " -->\n"
                    + CorsXml.write(configuration);
        }
    }

    private static final Map<String, Template> TEMPLATES = new LinkedHashMap<>();

    /** The Linode tutorial's two-rule configuration for example.com (also the local demo bucket's). */
    public static CorsConfiguration tutorialExample() {
        List<String> origins = List.of("http://example.com", "http://*.example.com", "https://example.com", "https://*.example.com");
        return new CorsConfiguration(List.of(
                new CorsRule(null, List.of("GET", "HEAD"), origins, List.of("Authorization"),
                        List.of("Access-Control-Allow-Origin"), 3000),
                new CorsRule(null, List.of("PUT", "POST", "DELETE"), origins, List.of("Authorization", "Origin", "Content-*"),
                        List.of("ETag"), 3000)));
    }

    static {
        add(new Template("public-read", "anyone may read (GET, HEAD) from any web page",
                config(new CorsRule(null, List.of("GET", "HEAD"), List.of("*"), List.of(), List.of("ETag"), 3000)),
                "For public assets (fonts, images, data files). Gives no write access."));
        add(new Template("tutorial", "the Linode tutorial's pair of rules for example.com",
                tutorialExample(),
                "Reads from example.com and its subdomains, writes (PUT, POST, DELETE) with Authorization,\n"
                        + "Origin and Content-* headers. Replace example.com with your own domain."));
        add(new Template("browser-upload", "uploads from your web app with presigned PUT or POST",
                config(new CorsRule("browser-upload", List.of("GET", "HEAD", "PUT", "POST"), List.of("https://app.example.com"),
                        List.of("Authorization", "Content-Type", "Content-MD5", "Content-Disposition", "x-amz-*"),
                        List.of("ETag", "x-amz-version-id"), 3000)),
                "Replace https://app.example.com with your app's origin. Presigned URLs carry the signature in the\n"
                        + "query; pages that sign requests themselves (the AWS SDK for JavaScript) send Authorization and\n"
                        + "x-amz-* headers. Add any other header your uploads send.\n"
                        + "ETag is exposed because multipart uploads read it for each part."));
        add(new Template("spa-dev", "a single-page app running on localhost during development",
                config(new CorsRule("spa-dev", List.of("GET", "HEAD", "PUT", "POST", "DELETE"),
                        List.of("http://localhost:3000", "http://localhost:5173", "http://localhost:8080"),
                        List.of("Authorization", "Content-Type", "x-amz-*"), List.of("ETag"), 600)),
                "Development servers on localhost (React 3000, Vite 5173, 8080). Remove this rule before\n"
                        + "going live, or add your production origin in a rule of its own."));
    }

    private CorsTemplates() {
    }

    private static void add(Template t) {
        TEMPLATES.put(t.name(), t);
    }

    private static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    public static List<Template> all() {
        return List.copyOf(TEMPLATES.values());
    }

    /** The template called {@code name}, or null. */
    public static Template named(String name) {
        return TEMPLATES.get(name);
    }
}
