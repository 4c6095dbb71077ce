package dev.s3sh.config;

/** A configuration source or option is wrong; the message names what and where, in one sentence. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
