package dev.s3sh.config;

/** A value a profile is made of, with the label {@code profile show} uses for it. */
public enum Field {
    ENDPOINT("endpoint"),
    REGION("region"),
    ACCESS_KEY("access key"),
    SECRET_KEY("secret key"),
    SESSION_TOKEN("session token"),
    PATH_STYLE("path style"),
    DIALECT("dialect"),
    CA_BUNDLE("CA bundle"),
    INSECURE("skip TLS verification"),
    PROXY("proxy"),
    SIGNURL_HTTPS("signed URLs over https");

    private final String label;

    Field(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean secret() {
        return this == SECRET_KEY || this == SESSION_TOKEN;
    }
}
