package dev.threadguard.sink.http;

import dev.threadguard.http.HealthStatus;

/** The body of {@code GET /health}: each part is "UP" or "DOWN", and the whole is UP only when all are. */
public record HealthReport(String status, String database, String consumer) implements HealthStatus {
    public static HealthReport of(boolean databaseUp, boolean consumerUp) {
        return new HealthReport(upOrDown(databaseUp && consumerUp), upOrDown(databaseUp), upOrDown(consumerUp));
    }

    public boolean up() {
        return "UP".equals(status);
    }

    private static String upOrDown(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
