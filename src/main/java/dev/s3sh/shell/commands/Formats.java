package dev.s3sh.shell.commands;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small text formats shared by listing commands and progress lines. */
public final class Formats {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String date(Instant instant) {
        return instant == null ? "                " : DATE.format(instant);
    }

    /** 1536 → "1.5K"; plain bytes below 1024. */
    public static String humanSize(long bytes) {
        if (bytes < 1024) return Long.toString(bytes);
        String units = "KMGTPE";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length() - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format("%.1f", value) : String.format("%.0f", value)) + units.charAt(unit);
    }
}
