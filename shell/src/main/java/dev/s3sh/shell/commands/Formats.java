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
}
