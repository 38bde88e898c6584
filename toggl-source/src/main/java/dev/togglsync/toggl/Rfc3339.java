package dev.togglsync.toggl;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A fast path for the timestamp shapes Toggl sends (toggl-api.md §7.2):
 * {@code 2024-12-16T17:05:25+00:00}, {@code 2024-12-16T02:24:56.5667Z}, {@code ...+03:00}.
 *
 * <p>Why: {@link OffsetDateTime#parse} builds a map of parsed fields per call and took half the
 * client's CPU time when loading time entries (bench/NOTES.md). This reads
 * the parser's characters in place and computes the instant with integer arithmetic.
 *
 * <p>It accepts only what it checks completely: four-digit years, upper-case {@code T} and
 * {@code Z}, one to nine fraction digits, offsets {@code ±HH:MM} up to ±17:59, and valid calendar
 * dates. For anything else it returns null and the caller asks {@code OffsetDateTime.parse}, so the
 * accepted language and its results are exactly the JDK's (Rfc3339Test compares the two).
 */
final class Rfc3339 {
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private Rfc3339() {}

    /** The instant written in {@code s[off, off+len)}, or null when it is not of the fast shape. */
    static Instant parse(char[] s, int off, int len) {
        // Shortest: yyyy-mm-ddThh:mm:ssZ = 20 characters.
        if (len < 20 || len > 35) {
            return null;
        }
        int end = off + len;
        int year = digits(s, off, 4);
        int month = digits(s, off + 5, 2);
        int day = digits(s, off + 8, 2);
        int hour = digits(s, off + 11, 2);
        int minute = digits(s, off + 14, 2);
        int second = digits(s, off + 17, 2);
        if ((year | month | day | hour | minute | second) < 0
                || s[off + 4] != '-' || s[off + 7] != '-' || s[off + 10] != 'T'
                || s[off + 13] != ':' || s[off + 16] != ':') {
            return null;
        }
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = off + 19;
        int nanos = 0;
        if (s[i] == '.') {
            int start = ++i;
            while (i < end && i - start < 9 && isDigit(s[i])) {
                nanos = nanos * 10 + (s[i] - '0');
                i++;
            }
            int n = i - start;
            if (n == 0) {
                return null;
            }
            nanos *= SCALE[n];
        }
        int offsetSeconds;
        if (i == end - 1 && s[i] == 'Z') {
            offsetSeconds = 0;
        } else if (i == end - 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 17 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The non-negative number in {@code n} digits at {@code at}, or -1 if one is not a digit. */
    private static int digits(char[] s, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            char c = s[i];
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
            return 29;
        }
        return DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of {@code LocalDate.toEpochDay}). */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
                total--;
            }
        }
        return total - 719_528L; // days from year 0 to 1970
    }
}
