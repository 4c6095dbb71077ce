package dev.s3sh.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A made-up HOME for resolution tests, with files from src/test/resources/config. */
final class ConfigFixture {
    final Path home;
    final Map<String, String> env = new HashMap<>();

    ConfigFixture(Path home) {
        this.home = home;
        env.put("HOME", home.toString());
    }

    ConfigFixture resource(String name, String underHome) throws IOException {
        try (InputStream in = ConfigFixture.class.getResourceAsStream("/config/" + name)) {
            if (in == null) throw new IllegalStateException("no test resource " + name);
            return file(underHome, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    ConfigFixture file(String underHome, String text) throws IOException {
        Path p = home.resolve(underHome);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        // as s3cmd --configure, aws configure and profile add leave them: only their owner reads them
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return this;
    }

    ConfigFixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    ConfigFixture linodeS3cfg() throws IOException {
        return resource("linode.s3cfg", ".s3cfg");
    }

    ConfigFixture awsFiles() throws IOException {
        return resource("aws-config", ".aws/config").resource("aws-credentials", ".aws/credentials");
    }

    ProfileResolver resolver() {
        return new ProfileResolver(env);
    }

    ResolvedProfile resolve(ConnectionOptions o) {
        return resolver().resolveDetailed(o);
    }

    ResolvedProfile resolve() {
        return resolve(ConnectionOptions.NONE);
    }

    static ConnectionOptions profile(String name) {
        return new ConnectionOptions(null, null, null, name, null);
    }

    /** The line number of the first line of {@code file} (under HOME) that starts with {@code prefix}. */
    int lineOf(String underHome, String prefix) throws IOException {
        var lines = Files.readAllLines(home.resolve(underHome));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i + 1;
        throw new IllegalStateException(prefix + " not in " + underHome);
    }
}
