package dev.s3sh.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INI dialect shared by {@code ~/.s3cfg}, {@code ~/.aws/config}, {@code ~/.aws/credentials} and
 * s3sh's own file: {@code [section]} headers, {@code key = value} (or {@code key: value}) lines,
 * whole-line comments with {@code #} or {@code ;}, and the AWS nested form where {@code s3 =} is
 * followed by indented {@code key = value} lines (stored as {@code s3.key}). Every value keeps its
 * line number so errors can point at it. A broken line is reported by number only: it might hold a
 * secret pasted on its own.
 */
public final class IniFile {
    /** One value and the line it came from. */
    public record Entry(String value, int line) {
    }

    /** Far more than any real configuration holds; a bigger file is a mistake (or an attack), not read. */
    static final long MAX_BYTES = 1024 * 1024;

    private final String displayName;
    private final Map<String, Map<String, Entry>> sections;
    private boolean openToOthers;
    private Path path;

    private IniFile(String displayName, Map<String, Map<String, Entry>> sections) {
        this.displayName = displayName;
        this.sections = sections;
    }

    /** True when other users of this machine may read the file (group or others have read permission). */
    public boolean openToOthers() {
        return openToOthers;
    }

    /** True when {@code source} (as {@link #where} gives it) points into this file. */
    public boolean holds(String source) {
        return source != null && source.startsWith(displayName + " line ");
    }

    /** Where the file was read from; null when parsed from text. */
    public Path path() {
        return path;
    }

    /** The file as users see it, e.g. {@code ~/.s3cfg}. */
    public String displayName() {
        return displayName;
    }

    public List<String> sectionNames() {
        return new ArrayList<>(sections.keySet());
    }

    public boolean hasSection(String name) {
        return sections.containsKey(name);
    }

    /** The section's entries (empty when absent), keys lower-cased. */
    public Map<String, Entry> section(String name) {
        return sections.getOrDefault(name, Map.of());
    }

    /** "~/.s3cfg line 4": where an entry came from. */
    public String where(Entry entry) {
        return displayName + " line " + entry.line();
    }

    /** Reads a file; null when it does not exist. */
    public static IniFile readIfExists(Path path, String displayName) {
        String text;
        try {
            if (Files.isDirectory(path)) throw new ConfigException("cannot read " + displayName + ": it is a directory, not a file");
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new ConfigException(displayName + " is " + size + " bytes, too large for a configuration file (at most "
                        + MAX_BYTES + "): is it the right file?");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(displayName + " is not UTF-8 text: is it the right file?");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + displayName + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + ": check that the file is readable");
        }
        IniFile ini = parse(text, displayName);
        ini.path = path;
        try {
            var perms = Files.getPosixFilePermissions(path);
            ini.openToOthers = perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions here: nothing to say
        }
        return ini;
    }

    public static IniFile parse(String text, String displayName) {
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        Map<String, Entry> current = null;
        String nestedParent = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            boolean indented = Character.isWhitespace(raw.charAt(0));
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw broken(displayName, lineNo, "has a section header without its closing ']'");
                }
                String name = line.substring(1, line.length() - 1).strip().replaceAll("\\s+", " ");
                current = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                nestedParent = null;
                continue;
            }
            int eq = separator(line);
            if (eq <= 0) {
                throw broken(displayName, lineNo, "is neither a [section] header nor a 'key = value' setting");
            }
            if (current == null) {
                throw broken(displayName, lineNo, "has a setting before any [section] header");
            }
            String key = line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (indented && nestedParent != null) {
                current.put(nestedParent + "." + key, new Entry(value, lineNo));
                continue;
            }
            nestedParent = value.isEmpty() ? key : null;
            current.put(key, new Entry(value, lineNo));
        }
        return new IniFile(displayName, sections);
    }

    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) return colon;
        if (colon < 0) return eq;
        return Math.min(eq, colon);
    }

    private static ConfigException broken(String file, int line, String what) {
        return new ConfigException(file + " line " + line + " " + what + ": fix or remove that line");
    }
}
