package dev.threadguard.sink.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.threadguard.http.HealthStatus;
import java.util.List;

/**
 * The body of {@code GET /health}: each part is "UP" or "DOWN", and the whole is UP only when all are.
 *
 * @param partitions how many partitions the sink's consumer owns (0 is fine when its group is stable and
 *                   has more members than partitions); null when not known
 * @param reasons    why a part is DOWN, in words an operator acts on; empty when UP
 * Empty and unknown fields are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HealthReport(String status, String database, String consumer, Integer partitions, List<String> reasons)
        implements HealthStatus {
    public HealthReport {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static HealthReport of(boolean databaseUp, boolean consumerUp) {
        return new HealthReport(upOrDown(databaseUp && consumerUp), upOrDown(databaseUp), upOrDown(consumerUp), null,
                List.of());
    }

    /**
     * @param databaseDown why the database counts as down; null when it answers
     * @param consumerDown why the consumer does not do its work; null when it does
     */
    public static HealthReport of(String databaseDown, String consumerDown, int partitions) {
        List<String> reasons = new java.util.ArrayList<>();
        if (databaseDown != null) {
            reasons.add("database: " + databaseDown);
        }
        if (consumerDown != null) {
            reasons.add("consumer: " + consumerDown);
        }
        return new HealthReport(upOrDown(reasons.isEmpty()), upOrDown(databaseDown == null), upOrDown(consumerDown == null),
                partitions, reasons);
    }

    @Override
    public boolean up() {
        return "UP".equals(status);
    }

    private static String upOrDown(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
