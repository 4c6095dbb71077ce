package dev.s3sh.cors;

import java.util.List;

/** A bucket's CORS configuration: rules in the order the server evaluates them. */
public record CorsConfiguration(List<CorsRule> rules) {
    public CorsConfiguration {
        rules = List.copyOf(rules);
    }
}
