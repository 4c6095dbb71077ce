package dev.s3sh.command;

import java.nio.file.Path;
import java.util.Map;

/** XDG base directories, each with "s3sh" appended. */
public final class XdgDirs {
    private final Map<String, String> env;

    public XdgDirs(Map<String, String> env) {
        this.env = env;
    }

    private Path dir(String variable, String fallbackUnderHome) {
        String value = env.get(variable);
        Path base = value != null && !value.isBlank() && Path.of(value).isAbsolute()
                ? Path.of(value)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))).resolve(fallbackUnderHome);
        return base.resolve("s3sh");
    }

    public Path state() {
        return dir("XDG_STATE_HOME", ".local/state");
    }

    public Path config() {
        return dir("XDG_CONFIG_HOME", ".config");
    }

    public Path cache() {
        return dir("XDG_CACHE_HOME", ".cache");
    }
}
