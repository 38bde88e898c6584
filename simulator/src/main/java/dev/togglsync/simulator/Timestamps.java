package dev.togglsync.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The timestamp spellings of toggl-api.md §7.2. Toggl formats the same instant differently per
 * field and endpoint, and clients that parse with a fixed pattern break on exactly that, so each
 * spelling has its own method. Hand-rolled because a million-entry response formats four million
 * timestamps.
 */
final class Timestamps {
    private Timestamps() {}

    /** Time-entry start/stop/server_deleted_at and project/client/workspace at: {@code 2024-12-16T17:05:25+00:00}. */
    static String utcSeconds(Instant t) {
        StringBuilder b = new StringBuilder(25);
        dateTime(b, LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC));
        return b.append("+00:00").toString();
    }

    /** Time-entry/tag/user {@code at}: microseconds with trailing zeros trimmed and {@code Z}: {@code 2024-12-16T02:24:56.5667Z}. */
    static String utcMicros(Instant t) {
        StringBuilder b = new StringBuilder(27);
        dateTime(b, LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC));
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String digits = Integer.toString(1_000_000 + micros).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(digits, 0, end);
        }
        return b.append('Z').toString();
    }

    /** Seconds and {@code Z}: workspace last_modified, write-side time-entry start/stop. */
    static String utcSecondsZ(Instant t) {
        StringBuilder b = new StringBuilder(20);
        dateTime(b, LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC));
        return b.append('Z').toString();
    }

    /** Reports v3 start/stop/at_tz: the user's offset, {@code 2024-07-30T11:13:46+03:00}. */
    static String zoned(Instant t, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(t);
        StringBuilder b = new StringBuilder(25);
        dateTime(b, LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, offset));
        int total = offset.getTotalSeconds();
        b.append(total < 0 ? '-' : '+');
        int abs = Math.abs(total);
        two(b, abs / 3600);
        b.append(':');
        two(b, abs / 60 % 60);
        return b.toString();
    }

    static String date(LocalDate d) {
        return d.toString();
    }

    private static void dateTime(StringBuilder b, LocalDateTime t) {
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            b.append(t.toLocalDate());
        } else {
            b.append(year).append('-');
            two(b, t.getMonthValue());
            b.append('-');
            two(b, t.getDayOfMonth());
        }
        b.append('T');
        two(b, t.getHour());
        b.append(':');
        two(b, t.getMinute());
        b.append(':');
        two(b, t.getSecond());
    }

    private static void two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }
}
