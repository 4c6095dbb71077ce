package dev.s3sh.shell.commands;

import dev.s3sh.store.ObjectInfo;

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

    /** 1536 → "1.5K"; plain bytes below 1024 (the one implementation is {@link ObjectInfo#humanSize}). */
    public static String humanSize(long bytes) {
        return ObjectInfo.humanSize(bytes);
    }
}
