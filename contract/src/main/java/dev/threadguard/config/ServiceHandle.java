package dev.threadguard.config;

/**
 * A started service (HTTP server, Streams app, consumer loop). The launcher starts each the same way
 * and closes them in reverse order on shutdown.
 */
public interface ServiceHandle extends AutoCloseable {
    /** A one-line description for the console: what it is and where it listens. */
    String describe();

    /** True while the service can do its work; backs {@code GET /health}. */
    boolean healthy();

    @Override
    void close();
}
