package dev.threadguard.sink.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The instants the sink's database stores faithfully. PostgreSQL's timestamptz ends at 294276 AD (a later
 * instant is refused with "timestamp out of range"), and years before the common era do not survive the trip
 * through the JDBC driver intact (a year -5000 came back as another date). Records carrying an instant outside
 * are refused before any SQL, so they are dead-lettered with a clear reason instead of stored wrong.
 */
public final class StorableTime {
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("+294276-12-31T23:59:59Z");

    private StorableTime() {
    }

    /** Why {@code field} holding {@code value} cannot be stored; empty when it can (or is null). */
    public static Optional<String> problem(String field, Instant value) {
        if (value == null || (!value.isBefore(EARLIEST) && !value.isAfter(LATEST))) {
            return Optional.empty();
        }
        return Optional.of(field + " " + value + " is outside what the sink's database can store (" + EARLIEST
                + " to " + LATEST + ")");
    }
}
