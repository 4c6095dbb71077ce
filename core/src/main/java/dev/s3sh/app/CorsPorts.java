package dev.s3sh.app;

/** What the CORS service needs from a front end ({@link FrontEndPorts}), told {@link CorsNotice}s. */
public interface CorsPorts extends FrontEndPorts<CorsNotice> {
}
