package dev.togglsync.simulator;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/** Query-parameter parsing shared by the handlers; a bad value is a 400 with a JSON-string body. */
final class Params {
    /** Which records an {@code active} / {@code status} filter keeps. */
    enum Activity {
        ACTIVE, INACTIVE, BOTH;

        boolean keeps(boolean active) {
            return this == BOTH || (this == ACTIVE) == active;
        }
    }

    private Params() {}

    static int positiveInt(Call call, String name, int defaultValue, int max) {
        Optional<String> raw = call.param(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid " + name);
        }
        if (value < 1) {
            throw ApiError.badRequest(name + " must be a positive number");
        }
        if (value > max) {
            throw ApiError.badRequest(name + " cannot exceed " + max);
        }
        return value;
    }

    /** {@code active=true|false|both}; omitted = active only. */
    static Activity active(Call call) {
        String raw = call.param("active").orElse("true");
        return switch (raw) {
            case "true" -> Activity.ACTIVE;
            case "false" -> Activity.INACTIVE;
            case "both" -> Activity.BOTH;
            default -> throw ApiError.badRequest("Invalid value for active: expected true, false or both");
        };
    }

    /** Unix seconds, as {@code since} takes them. */
    static Optional<Instant> unixSeconds(Call call, String name) {
        return call.param(name).map(raw -> {
            try {
                return Instant.ofEpochSecond(Long.parseLong(raw));
            } catch (NumberFormatException | DateTimeException e) {
                throw ApiError.badRequest("Invalid " + name);
            }
        });
    }

    /**
     * {@code YYYY-MM-DD} (the start of that day in the user's time zone, toggl-api.md §7.3) or
     * RFC 3339 with an offset.
     */
    static Optional<Instant> dateOrTime(Call call, String name, ZoneId userZone) {
        return call.param(name).map(raw -> {
            try {
                if (raw.length() == 10) {
                    return LocalDate.parse(raw).atStartOfDay(userZone).toInstant();
                }
                return OffsetDateTime.parse(raw).toInstant();
            } catch (DateTimeException e) {
                throw ApiError.badRequest("Invalid " + name + ": expected YYYY-MM-DD or an RFC 3339 date-time");
            }
        });
    }
}
