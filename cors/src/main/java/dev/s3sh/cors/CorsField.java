package dev.s3sh.cors;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of a CORS rule, with the names each format gives them: the XML element
 * ({@code AllowedMethod}, one per value) and the AWS CLI's JSON key ({@code AllowedMethods}, a list).
 * Problems, diffs and both codecs name a field through this, never by a string of their own.
 */
public enum CorsField {
    ID("ID", "ID", false),
    ALLOWED_METHOD("AllowedMethod", "AllowedMethods", true),
    ALLOWED_ORIGIN("AllowedOrigin", "AllowedOrigins", true),
    ALLOWED_HEADER("AllowedHeader", "AllowedHeaders", true),
    MAX_AGE_SECONDS("MaxAgeSeconds", "MaxAgeSeconds", false),
    EXPOSE_HEADER("ExposeHeader", "ExposeHeaders", true);

    private final String xml;
    private final String json;
    private final boolean list;

    CorsField(String xml, String json, boolean list) {
        this.xml = xml;
        this.json = json;
        this.list = list;
    }

    /** The XML element's name, also how problems and diffs name the field. */
    public String xml() {
        return xml;
    }

    /** The key in the AWS CLI's and the console's JSON. */
    public String json() {
        return json;
    }

    /** True for the fields that hold several values. */
    public boolean list() {
        return list;
    }

    public static Optional<CorsField> ofXml(String name) {
        return Arrays.stream(values()).filter(f -> f.xml.equals(name)).findFirst();
    }

    public static Optional<CorsField> ofJson(String key) {
        return Arrays.stream(values()).filter(f -> f.json.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return xml;
    }
}
