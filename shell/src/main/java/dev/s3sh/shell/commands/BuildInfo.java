package dev.s3sh.shell.commands;

import dev.s3sh.store.S3ObjectStore;

import static dev.s3sh.text.TerminalText.visible;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What this s3sh is: its version and git commit (written into build-info.properties when the jar
 * is built; "unknown" when it was built outside a git checkout), the Java runtime it runs on and
 * the AWS SDK it was built with.
 */
public record BuildInfo(String version, String commit, String java, String javaVendor, String javaHome, String awsSdk) {

    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/s3sh/shell/build-info.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // a jar without the file still says what it can
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"),
                Runtime.version().toString(), System.getProperty("java.vendor", "unknown"),
                System.getProperty("java.home", "unknown"), S3ObjectStore.sdkVersion());
    }

    /**
     * The lines of {@code s3sh --version}; the first is "s3sh VERSION", as other tools print. Each
     * value (java.home is a path of this machine) passes the one escaping path.
     */
    public String text() {
        return "s3sh " + visible(version) + "\n"
                + "commit:  " + visible(commit) + "\n"
                + "java:    " + visible(java) + " (" + visible(javaVendor) + ", " + visible(javaHome) + ")\n"
                + "aws sdk: " + visible(awsSdk) + "\n";
    }

    public Map<String, Object> json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", version);
        doc.put("commit", commit);
        doc.put("java", java);
        doc.put("javaVendor", javaVendor);
        doc.put("javaHome", javaHome);
        doc.put("awsSdk", awsSdk);
        return doc;
    }
}
