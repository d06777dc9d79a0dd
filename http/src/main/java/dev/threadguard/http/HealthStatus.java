package dev.threadguard.http;

/**
 * What a service's {@code GET /health} reports: a record implementing this is sent as JSON, with 200 while
 * {@link #up()} and 503 otherwise. It must be cheap to get (a state kept current in the background, never a
 * blocking probe), since orchestrators call it often and expect an answer within 100 ms.
 */
public interface HealthStatus {
    /** True while the service does its work. */
    boolean up();
}
