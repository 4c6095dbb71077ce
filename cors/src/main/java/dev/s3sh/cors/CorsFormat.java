package dev.s3sh.cors;

/** The two shapes a CORS document comes in. */
public enum CorsFormat {
    /** {@code <CORSConfiguration>} as S3 and {@code s3cmd setcors} use it. */
    XML,
    /** {@code {"CORSRules":[...]}} (AWS CLI) or a bare array of rules (S3 console). */
    JSON
}
