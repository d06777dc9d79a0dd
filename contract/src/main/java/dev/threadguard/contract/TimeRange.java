package dev.threadguard.contract;

import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one valid range of every instant in Threadguard's records ({@code postedAt}, {@code publishedAt},
 * {@code decidedAt}, {@code judgedAt}): from {@link #EARLIEST} (1970-01-01T00:00:00Z) to now plus
 * {@link #maxClockSkew()}, both ends included. Every entry enforces it: the HTTP APIs answer 400 naming the field,
 * consumers of Kafka records dead-letter the record.
 *
 * <p>Why these ends: nothing Threadguard moderates was written before the Unix epoch, and an instant before it is a
 * client bug (a zero or negative number turned into a date); everything later than "now" is a client clock that
 * runs ahead. The skew ({@code EVENT_MAX_CLOCK_SKEW}, default one hour) tolerates a
 * client clock that is wrong by minutes or a daylight-saving hour, and refuses a wrong time zone (hours ahead):
 * such an instant would put the comment at the top of every newest-first list and make "posted earlier" false in
 * duplicate reasons, and the 400 names the latest instant accepted, so the client can fix its clock. One hour is also
 * what a Kafka 4 broker accepts ahead of its clock as a record timestamp ({@code log.message.timestamp.after.max.ms}),
 * which stands in for a missing {@code postedAt} downstream. The range only
 * grows as time passes, so a record valid when written stays valid when it is read again later (a replay).
 */
public record TimeRange(Clock clock, Duration maxClockSkew) {
    /** The earliest valid instant: the Unix epoch. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /**
     * Added to the skew when a record is read from Kafka: the service that wrote it checked it with its own clock,
     * and a reader whose clock is behind by up to this much must not dead-letter what the writer accepted.
     */
    public static final Duration READ_TOLERANCE = Duration.ofMinutes(5);
    /** The largest skew a configuration may give: a bound, so that {@code now + skew} cannot overflow. */
    public static final Duration MAX_CONFIGURABLE_SKEW = Duration.ofDays(366);

    public TimeRange {
        if (clock == null) {
            throw new IllegalArgumentException("a time range needs a clock");
        }
        if (maxClockSkew == null || maxClockSkew.isNegative() || maxClockSkew.compareTo(MAX_CONFIGURABLE_SKEW) > 0) {
            throw new IllegalArgumentException("the clock skew must be between PT0S and " + MAX_CONFIGURABLE_SKEW
                    + ", got " + maxClockSkew);
        }
    }

    /** The range with the system clock and the skew of the environment. */
    public static TimeRange ofSystem(Env env) {
        return new TimeRange(Clock.systemUTC(), maxClockSkew(env));
    }

    /**
     * {@code EVENT_MAX_CLOCK_SKEW} from {@code env}, or its default ({@link Settings#EVENT_MAX_CLOCK_SKEW}).
     *
     * @throws dev.threadguard.config.ConfigException when it is malformed, negative or above
     *                                                {@link #MAX_CONFIGURABLE_SKEW}
     */
    public static Duration maxClockSkew(Env env) {
        return Settings.EVENT_MAX_CLOCK_SKEW.read(env);
    }

    /**
     * The range the contract's readers use when none is given (Kafka records through {@link JsonSerde}, dataset
     * files): the system clock, {@code EVENT_MAX_CLOCK_SKEW} from the process environment, plus
     * {@link #READ_TOLERANCE}.
     */
    public static TimeRange forRecords() {
        return Standard.RECORDS;
    }

    /** This range, {@code extra} more lenient at its upper end. */
    public TimeRange widenedBy(Duration extra) {
        return new TimeRange(clock, maxClockSkew.plus(extra));
    }

    /** The latest valid instant right now. */
    public Instant latest() {
        return clock.instant().plus(maxClockSkew);
    }

    /** Adds a violation for {@code field} when {@code value} is present and outside the range. */
    public void check(List<Violation> out, String field, Instant value) {
        if (value == null) {
            return;
        }
        if (value.isBefore(EARLIEST)) {
            out.add(new Violation(field, "must not be before " + EARLIEST + ", got " + value));
            return;
        }
        Instant latest = latest();
        if (value.isAfter(latest)) {
            out.add(new Violation(field, "must not be later than now plus " + maxClockSkew + " (" + latest
                    + "), got " + value + "; check the sender's clock and time zone"));
        }
    }

    /** Read once, on first use, so that a service and its tests set the environment before. */
    private static final class Standard {
        static final TimeRange RECORDS = ofSystem(Env.system()).widenedBy(READ_TOLERANCE);
    }
}
