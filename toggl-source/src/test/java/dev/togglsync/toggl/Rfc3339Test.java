package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast timestamp path against the JDK's parser: wherever the fast path answers, it must give
 * the JDK's instant; where it declines, the caller falls back to the JDK, so what is accepted and
 * refused stays exactly the JDK's.
 */
class Rfc3339Test {
    private static Instant fast(String s) {
        return Rfc3339.parse(s.toCharArray(), 0, s.length());
    }

    private static Instant jdk(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void readsEveryShapeTogglSends() {
        for (String s : new String[] {"2024-12-16T17:05:25+00:00", "2024-12-16T01:55:24Z", "2024-12-16T02:24:56.5667Z",
                "2024-12-16T18:07:05.694469Z", "2025-03-01T00:30:00+03:00", "2025-03-01T23:30:00-05:30",
                "2024-02-29T12:00:00.1Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"}) {
            assertThat(fast(s)).as(s).isNotNull().isEqualTo(jdk(s));
        }
    }

    @Test
    void readsInPlaceWithinALargerBuffer() {
        char[] buffer = "xx\"2024-12-16T17:05:25.5+01:00\"yy".toCharArray();
        assertThat(Rfc3339.parse(buffer, 3, 27)).isEqualTo(Instant.parse("2024-12-16T16:05:25.5Z"));
    }

    @Test
    void declinesWhatItDoesNotCheckFullyOrWhatIsWrong() {
        for (String s : new String[] {"2024-12-16t17:05:25z", "2024-12-16T17:05Z", "+2024-12-16T17:05:25Z",
                "2024-12-16T17:05:25+18:00", "2024-12-16T17:05:25+0100", "2024-12-16T17:05:25.Z",
                "2024-12-16T17:05:25.1234567890Z", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                "2024-12-16T24:00:00Z", "2024-12-16T23:60:00Z", "2024-12-16T23:59:60Z", "2024-12-16T17:05:25+01:60",
                "2024-12-16 17:05:25Z", "2024-12-16T17:05:25", "2024-12-16T17:05:25+01:00:00", "2024-1a-16T17:05:25Z",
                "2024-12-16T17:05:25ZZ", "2024-12-16"}) {
            assertThat(fast(s)).as(s).isNull();
        }
    }

    /** Random valid and mangled strings: the fast path never disagrees with the JDK. */
    @Test
    void agreesWithTheJdkOnRandomInput() {
        Random random = new Random(42);
        String alphabet = "0123456789-:T.Z+ z";
        int answered = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
            if (random.nextBoolean()) {
                b.append('.').append(String.valueOf(Math.abs(random.nextLong())), 0, random.nextInt(11));
            }
            b.append(random.nextInt(3) == 0 ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                    random.nextInt(20), random.nextInt(62)));
            if (random.nextInt(4) == 0) {
                b.setCharAt(random.nextInt(b.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            Instant fast = fast(s);
            if (fast != null) {
                assertThat(fast).as(s).isEqualTo(jdk(s));
                answered++;
            }
        }
        assertThat(answered).as("strings the fast path answered").isGreaterThan(20_000);
    }
}
