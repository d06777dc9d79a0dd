package dev.threadguard.sink.store;

import java.sql.SQLException;

/**
 * A failed database call. {@link #rejectsData()} tells a record the database will never accept (a
 * value it cannot store) from an outage, which is worth retrying.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /**
     * The failure of a Jdbi call, classified by the {@link SQLException} under it; one without (a failure
     * before any SQL) counts as an outage, worth retrying.
     */
    public static StoreException of(String message, RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return new StoreException(message, sql);
            }
        }
        return new StoreException(message, new SQLException(failure.getMessage(), (String) null, failure));
    }

    public boolean rejectsData() {
        return rejectsData((SQLException) getCause());
    }

    /**
     * SQLSTATE class 22, "data exception": a value of the request the database refuses (a NUL character, an
     * instant out of its range). The database is up; asking again with the same value fails again.
     */
    public boolean isDataException() {
        String state = ((SQLException) getCause()).getSQLState();
        return state != null && state.startsWith("22");
    }

    /** SQLSTATE class 22 is "data exception" (e.g. a NUL character in text), 23 "integrity constraint violation". */
    static boolean rejectsData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
