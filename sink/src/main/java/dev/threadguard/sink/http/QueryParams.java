package dev.threadguard.sink.http;

import dev.threadguard.contract.EventValidator;
import dev.threadguard.contract.Flag;
import dev.threadguard.http.ProblemException;
import dev.threadguard.sink.store.ReviewCursor;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parsers of the sink's query and path parameters. Each refuses a value it cannot use with
 * {@link ProblemException#invalidParameter} naming the parameter (a 400), before any of it reaches SQL: a value
 * the database would refuse (a NUL character, an instant PostgreSQL cannot hold) must not look like an outage.
 */
public final class QueryParams {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /**
     * The one range of instants a parameter may name: from 1970-01-01T00:00:00Z up to and including
     * 10000-01-01T00:00:00Z (the exclusive end of the day 9999-12-31). The contract's event timestamps are
     * checked against their own range; this one is at least as wide, so every stored event can be found.
     */
    public static final Instant EARLIEST = dev.threadguard.contract.TimeRange.EARLIEST;
    public static final Instant LATEST = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** The longest age a parameter may name: the span of the valid range. */
    public static final Duration LONGEST_AGE = Duration.between(EARLIEST, LATEST);

    /** What PostgreSQL's timestamptz holds (4713 BC to 294276 AD): a cursor made from a stored row stays inside. */
    private static final Instant DATABASE_EARLIEST = Instant.parse("-4712-01-01T00:00:00Z");
    private static final Instant DATABASE_LATEST = Instant.parse("+294276-12-31T00:00:00Z");

    private QueryParams() {
    }

    /** A page size, 1 to {@link #MAX_LIMIT}; {@link #DEFAULT_LIMIT} when absent. */
    public static int limit(String raw) {
        if (absent(raw)) {
            return DEFAULT_LIMIT;
        }
        String message = "limit must be a whole number between 1 and " + MAX_LIMIT + ", got " + quoted(raw);
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter("limit", message);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidParameter("limit", message);
        }
        return limit;
    }

    /** A flag name (any case); null when absent. */
    public static Flag flag(String raw) {
        if (absent(raw)) {
            return null;
        }
        try {
            return Flag.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(Flag.values()).map(Flag::name).collect(Collectors.joining(", "));
            throw ProblemException.invalidParameter("flag", "flag must be one of " + known + ", got " + quoted(raw));
        }
    }

    /** {@code public} or {@code moderator} (the default). */
    public static ThreadTree.View view(String raw) {
        if (absent(raw)) {
            return ThreadTree.View.MODERATOR;
        }
        try {
            return ThreadTree.View.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("view", "view must be public or moderator, got " + quoted(raw));
        }
    }

    /**
     * An age such as {@code PT1H}, as the instant that long before {@code now}; null when absent. An age at most
     * {@link #LONGEST_AGE} is accepted; one reaching back before {@link #EARLIEST} is taken as back to
     * {@link #EARLIEST}, as nothing can be older.
     */
    public static Instant ageBefore(String parameter, String raw, Instant now) {
        if (absent(raw)) {
            return null;
        }
        Duration age;
        try {
            age = Duration.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(parameter, parameter
                    + " must be an ISO-8601 duration such as PT1H or P1D, got " + quoted(raw));
        }
        if (age.isNegative()) {
            throw ProblemException.invalidParameter(parameter, parameter + " must not be negative, got " + quoted(raw));
        }
        if (age.compareTo(LONGEST_AGE) > 0) {
            throw ProblemException.invalidParameter(parameter, parameter + " must be at most P"
                    + LONGEST_AGE.toDays() + "D, got " + quoted(raw));
        }
        Instant before = now.minus(age);
        return before.isBefore(EARLIEST) ? EARLIEST : before;
    }

    /**
     * A day ({@code 2013-12-17}, UTC; as the end of a range it includes the whole day) or an instant
     * ({@code 2013-12-17T10:00:00Z}), between {@link #EARLIEST} and {@link #LATEST}; null when absent.
     */
    public static Instant day(String parameter, String raw, boolean endOfRange) {
        if (absent(raw)) {
            return null;
        }
        String value = raw.trim();
        Instant instant;
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                instant = (endOfRange ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                instant = Instant.parse(value);
            }
        } catch (DateTimeException e) {
            throw ProblemException.invalidParameter(parameter, parameter + " must be a date such as 2013-12-17 or an "
                    + "instant such as 2013-12-17T10:00:00Z, got " + quoted(raw));
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ProblemException.invalidParameter(parameter, parameter + " must be between " + EARLIEST + " and "
                    + LATEST + ", got " + quoted(raw));
        }
        return instant;
    }

    /** The {@code next} token of a previous page; null when absent. */
    public static ReviewCursor cursor(String parameter, String raw) {
        if (absent(raw)) {
            return null;
        }
        String hint = parameter + " is not a cursor returned by this API; pass the 'next' value of the previous page";
        ReviewCursor cursor;
        try {
            cursor = ReviewCursor.decode(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter(parameter, hint);
        }
        // The token is opaque but not signed: a forged one must not carry what SQL would refuse.
        if (cursor.postedAt().isBefore(DATABASE_EARLIEST) || cursor.postedAt().isAfter(DATABASE_LATEST)
                || !isId(cursor.commentId(), EventValidator.MAX_ID_LENGTH)) {
            throw ProblemException.invalidParameter(parameter, hint);
        }
        return cursor;
    }

    /**
     * An id or name to filter by (trimmed; null when absent): at most {@code maxLength} characters, no control
     * characters (no stored id or name has any, and PostgreSQL refuses a NUL).
     */
    public static String text(String parameter, String raw, int maxLength) {
        if (absent(raw)) {
            return null;
        }
        // Checked before stripping: trim() would quietly drop a NUL or an ESC at either end.
        checkText(parameter, raw, maxLength);
        return raw.strip();
    }

    /** A path parameter holding an id: required, at most {@link EventValidator#MAX_ID_LENGTH}, no control characters. */
    public static String pathId(String parameter, String raw) {
        if (absent(raw)) {
            throw ProblemException.invalidParameter(parameter, parameter + " is required");
        }
        checkText(parameter, raw, EventValidator.MAX_ID_LENGTH);
        return raw;
    }

    private static void checkText(String parameter, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw ProblemException.invalidParameter(parameter, parameter + " must be at most " + maxLength
                    + " characters, got " + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidParameter(parameter, parameter + " must not contain control characters");
        }
    }

    /** True for an id as the contract allows it: not blank, not too long, no control characters. */
    public static boolean isId(String value, int maxLength) {
        return value != null && !value.isBlank() && value.length() <= maxLength
                && value.chars().noneMatch(Character::isISOControl);
    }

    private static boolean absent(String raw) {
        return raw == null || raw.isBlank();
    }

    /** The value as sent, quoted, cut to a readable length and without control characters (it is echoed). */
    private static String quoted(String raw) {
        String shown = raw.length() > 60 ? raw.substring(0, 60) + "..." : raw;
        return "'" + shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "'";
    }
}
