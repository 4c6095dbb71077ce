package dev.s3sh.app;

/** What every change of a bucket ends with, whatever the document ({@link CorsOutcome}, {@link DocumentOutcome}): the one-line report. */
public interface ServiceOutcome {
    String bucket();

    /** The one-line report every front end shows. */
    String message();

    /** True when the bucket now holds what was asked for (or nothing was to be done). */
    boolean succeeded();
}
