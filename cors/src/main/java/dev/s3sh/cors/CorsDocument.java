package dev.s3sh.cors;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CORS document as read: the configuration it holds (null when the document could not be read
 * at all), where each rule and value sits, the problems that kept it from being read
 * ({@code syntaxProblems}, all errors) and the oddities the parser noticed and tolerated
 * ({@code findings}), which {@link CorsValidator} judges per dialect.
 */
public record CorsDocument(String source, CorsFormat format, int sizeBytes, CorsConfiguration configuration,
                           List<RuleLocation> locations, List<CorsProblem> syntaxProblems, List<Finding> findings) {

    public CorsDocument {
        locations = List.copyOf(locations);
        syntaxProblems = List.copyOf(syntaxProblems);
        findings = List.copyOf(findings);
    }

    /** True when the document was read into a configuration without syntax errors. */
    public boolean readable() {
        return configuration != null && syntaxProblems.isEmpty();
    }

    public Optional<CorsConfiguration> config() {
        return Optional.ofNullable(configuration);
    }

    /** Where rule {@code ruleIndex} (0-based) starts, or null. */
    public SourcePosition ruleStart(int ruleIndex) {
        return ruleIndex < locations.size() ? locations.get(ruleIndex).start() : null;
    }

    /**
     * Where value {@code valueIndex} of {@code field} (an XML element name such as
     * {@code AllowedOrigin}, or {@code ID}/{@code MaxAgeSeconds}) of rule {@code ruleIndex} sits;
     * falls back to the rule's start, then null.
     */
    public SourcePosition position(int ruleIndex, String field, int valueIndex) {
        if (ruleIndex >= locations.size()) return null;
        RuleLocation loc = locations.get(ruleIndex);
        List<SourcePosition> values = loc.values().get(field);
        if (values != null && valueIndex < values.size()) return values.get(valueIndex);
        return loc.start();
    }

    /** Positions of one rule: its start and, per field, one position per value in model order. */
    public record RuleLocation(SourcePosition start, Map<String, List<SourcePosition>> values) {
        public RuleLocation {
            values = Map.copyOf(values);
        }
    }

    /** Something the parser tolerated; whether it is an error depends on the server (see {@link Kind}). */
    public record Finding(Kind kind, SourcePosition position, Integer rule, String field, String detail) {
    }

    public enum Kind {
        /** An element S3 does not define; {@code detail} is its name. RGW ignores it, AWS refuses it. */
        UNKNOWN_ELEMENT,
        /** A second ID or MaxAgeSeconds in one rule; {@code detail} is the ignored value. RGW keeps the first. */
        DUPLICATE_ELEMENT,
        /** Text outside any value element; {@code detail} is the text. */
        STRAY_TEXT,
        /** An element name with a namespace prefix ({@code s3:CORSRule}), which RGW does not understand. */
        PREFIXED_ELEMENT,
        /** The root declares a default namespace other than S3's; {@code detail} is the namespace. */
        FOREIGN_NAMESPACE,
        /** An attribute on a CORS element; {@code detail} is its name. */
        ATTRIBUTE,
        /** An empty MaxAgeSeconds, which RGW stores as 0. */
        EMPTY_MAX_AGE,
        /** MaxAgeSeconds with spaces before ({@code detail} "leading") or after ("trailing") the number. */
        MAX_AGE_SPACES,
        /** A JSON key the AWS CLI does not know; {@code detail} is the key. */
        UNKNOWN_KEY,
        /** A JSON key given twice in one object; {@code detail} is the key. The first value is kept. */
        DUPLICATE_KEY
    }
}
