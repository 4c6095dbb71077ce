package dev.s3sh.command;

import dev.s3sh.config.ConfigException;
import dev.s3sh.config.Layer;
import dev.s3sh.config.S3shConfigFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * s3sh's own file as the third source of the global options, after the command line and the
 * {@code S3SH_*} variables ({@link GlobalOptionEnvironment}): every option of {@link GlobalOptions#SPEC}
 * has a key. The connection options are a profile's keys, read by the profile resolver where a
 * profile's values are chosen; the others are {@code [settings]} keys named after the option
 * ({@code --no-pager}: {@code no_pager}), derived here so that a new option gets its key without a
 * second list.
 */
public final class GlobalOptionSettings {
    /** Options that the profile resolver reads from the file, and where. */
    private static final Map<String, String> ELSEWHERE = Map.ofEntries(
            Map.entry("profile", "[settings] default_profile"),
            Map.entry("cluster", "[profile NAME] cluster"),
            Map.entry("config", "[profile NAME] s3cfg"),
            Map.entry("endpoint", "[profile NAME] endpoint"),
            Map.entry("region", "[profile NAME] region"),
            Map.entry("path-style", "[profile NAME] path_style"),
            Map.entry("dialect", "[profile NAME] dialect, else [settings] dialect"),
            Map.entry("ca-bundle", "[profile NAME] ca_bundle"),
            Map.entry("insecure", "[profile NAME] insecure"),
            Map.entry("no-color", "[settings] color = never"));

    private GlobalOptionSettings() {
    }

    /** The {@code [settings]} key of an option read here, e.g. {@code no_pager}. */
    public static String key(OptionSpec option) {
        return option.name().replace('-', '_');
    }

    /** Where the file sets an option, e.g. {@code [settings] quiet} or {@code [profile NAME] endpoint}. */
    public static String where(OptionSpec option) {
        String elsewhere = ELSEWHERE.get(option.name());
        return elsewhere != null ? elsewhere : "[settings] " + key(option) + (option.takesValue() ? " = VALUE" : " = true");
    }

    /**
     * The words {@code [settings]} adds for the options that neither the command line ({@code given}) nor the
     * environment ({@code env}, where {@code S3SH_QUIET=0} counts) sets; a value the option cannot take
     * is a {@link ConfigException} naming the line.
     */
    public static List<String> words(S3shConfigFile file, ParsedArgs given, Map<String, String> env) {
        List<String> words = new ArrayList<>();
        for (OptionSpec o : GlobalOptionEnvironment.options()) {
            String variable = env.get(GlobalOptionEnvironment.variable(o));
            if (ELSEWHERE.containsKey(o.name()) || given.has(o.name()) || variable != null && !variable.isBlank()) continue;
            String value = file.setting(key(o));
            if (value == null) continue;
            String where = file.settingSource(key(o));
            if (o.takesValue()) {
                List<String> pair = List.of("--" + o.name(), value.strip());
                try {
                    CommandLineParser.parseLeading(GlobalOptions.SPEC, pair);
                } catch (UsageException e) {
                    throw new ConfigException(where + ": " + key(o) + " = " + value.strip() + " is not a value of --" + o.name()
                            + ": " + e.getMessage());
                }
                words.addAll(pair);
            } else {
                Boolean on = Layer.parseBoolean(value);
                if (on == null) throw new ConfigException(where + ": " + key(o) + " must be true or false, not '" + value.strip() + "'");
                if (on) words.add("--" + o.name());
            }
        }
        return words;
    }
}
