package dev.threadguard.moderation;

import dev.threadguard.http.HealthStatus;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code GET /health} says about moderation: UP only while the Streams client is RUNNING, i.e.
 * its tasks are assigned and processing. While it starts, rebalances (REBALANCING: partitions may be
 * moving, nothing is processed until it ends) or has stopped, it is DOWN with the reason. Computed from
 * the client's in-memory state: no request to Kafka, so it answers at once.
 *
 * @param status  "UP" or "DOWN"
 * @param streams the Kafka Streams state (CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN, ...)
 * @param reason  why it is DOWN; null when UP
 */
public record ModerationHealth(String status, String streams, String reason) implements HealthStatus {
    @Override
    public boolean up() {
        return "UP".equals(status);
    }

    public static ModerationHealth of(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> new ModerationHealth("UP", state.name(), null);
            case CREATED -> down(state, "starting: the Streams client has not joined its group yet");
            case REBALANCING -> down(state, "rebalancing: tasks are being assigned or restored, nothing is processed");
            case PENDING_SHUTDOWN, NOT_RUNNING -> down(state, "stopping or stopped");
            case PENDING_ERROR, ERROR -> down(state, "failed: the Streams client stopped after an error; see the log");
        };
    }

    /** A supplier for {@link ModerationHttp}, reading the state each time (it is a volatile field in the client). */
    static Supplier<ModerationHealth> of(Supplier<KafkaStreams.State> state) {
        return () -> of(state.get());
    }

    private static ModerationHealth down(KafkaStreams.State state, String reason) {
        return new ModerationHealth("DOWN", state.name(), reason);
    }
}
