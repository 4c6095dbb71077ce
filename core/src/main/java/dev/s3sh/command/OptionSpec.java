package dev.s3sh.command;

/**
 * One option of a command: {@code --name} (and {@code -x} when {@code shortName} is set).
 * {@code value} is null for a flag; {@code repeatable} options may be given several times.
 */
public record OptionSpec(String name, Character shortName, ValueKind value, boolean repeatable, String help) {
    public static OptionSpec flag(String name, Character shortName, String help) {
        return new OptionSpec(name, shortName, null, false, help);
    }

    public static OptionSpec value(String name, ValueKind kind, String help) {
        return new OptionSpec(name, null, kind, false, help);
    }

    public static OptionSpec repeated(String name, ValueKind kind, String help) {
        return new OptionSpec(name, null, kind, true, help);
    }

    public boolean takesValue() {
        return value != null;
    }

    /** How help and the man page name it: {@code -o, --output text|json} or {@code --file LOCAL_FILE}. */
    public String label() {
        return (shortName != null ? "-" + shortName + ", " : "") + "--" + name
                + (takesValue() ? " " + (value.choices().isEmpty() ? value.name().toUpperCase() : String.join("|", value.choices())) : "");
    }
}
