package dev.s3sh.policy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;

/** Starting policies for the common jobs; each is written for one bucket (and one user where it names one). */
public final class PolicyTemplates {
    public record Template(String name, String description, boolean needsUser) {
    }

    public static final List<Template> ALL = List.of(
            new Template("public-read", "anyone may read the objects (a static web site); nobody else may list or write", false),
            new Template("read-only-user", "one other user (--user NAME or an ARN) may list the bucket and read its objects", true),
            new Template("deny-insecure-transport", "refuse every request that does not come over HTTPS (AWS; RGW 16 never sets aws:SecureTransport, so there it refuses nothing)", false));

    private PolicyTemplates() {
    }

    public static Template named(String name) {
        for (Template t : ALL) if (t.name().equals(name)) return t;
        throw new IllegalArgumentException("no policy template '" + name + "': the templates are "
                + String.join(", ", ALL.stream().map(Template::name).toList()));
    }

    /** The template's policy for {@code bucket}; {@code user} is a user name or an IAM ARN (read-only-user only). */
    public static JsonNode policy(String name, String bucket, String user) {
        Template t = named(name);
        if (t.needsUser() && (user == null || user.isBlank())) {
            throw new IllegalArgumentException("template " + name + " needs the user it is for: --user NAME (or an arn:aws:iam:: ARN)");
        }
        // quoted as JSON strings: a name with a quote in it must stay one value, not add to the policy
        String arn = user == null ? null : quoted(user.startsWith("arn:") ? user : "arn:aws:iam:::user/" + user);
        String b = quoted(PolicyValidator.S3_ARN + bucket);
        String json = switch (name) {
            case "public-read" -> """
                    {"Version": "2012-10-17", "Statement": [{"Sid": "PublicReadForWebSite", "Effect": "Allow",
                     "Principal": "*", "Action": ["s3:GetObject"], "Resource": ["%s/*"]}]}""".formatted(b);
            case "read-only-user" -> """
                    {"Version": "2012-10-17", "Statement": [{"Sid": "ReadOnlyForOneUser", "Effect": "Allow",
                     "Principal": {"AWS": ["%s"]}, "Action": ["s3:ListBucket", "s3:GetObject"],
                     "Resource": ["%s", "%s/*"]}]}""".formatted(arn, b, b);
            default -> """
                    {"Version": "2012-10-17", "Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny",
                     "Principal": "*", "Action": "s3:*", "Resource": ["%s", "%s/*"],
                     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}""".formatted(b, b);
        };
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
