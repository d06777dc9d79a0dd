package dev.threadguard.moderation;

import dev.threadguard.http.HealthStatus;
import dev.threadguard.http.HttpServers;
import dev.threadguard.http.OpsRoutes;
import dev.threadguard.metrics.ServiceMetrics;
import io.javalin.Javalin;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Moderation's small HTTP server, for the orchestrator and the scraper only: {@code GET /health} (200 while
 * the Streams client is RUNNING or REBALANCING, 503 otherwise) and {@code GET /metrics} (Prometheus). Every
 * other request is answered as problem+json by {@link HttpServers} (404, 405 with {@code Allow}).
 */
final class ModerationHttp {
    private ModerationHttp() {
    }

    /** What {@code GET /health} answers: {@code {"status":"UP","streams":"RUNNING"}}. */
    record ModerationHealth(String status, String streams) implements HealthStatus {
        @Override
        public boolean up() {
            return "UP".equals(status);
        }
    }

    /** Starts listening on {@code port} (0: any free port). */
    static Javalin start(int port, Supplier<KafkaStreams.State> state, ServiceMetrics metrics) {
        Javalin app = HttpServers.create();
        OpsRoutes.register(app, () -> {
            KafkaStreams.State current = state.get();
            return new ModerationHealth(healthy(current) ? "UP" : "DOWN", current.name());
        }, metrics);
        return app.start(port);
    }

    static boolean healthy(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }
}
