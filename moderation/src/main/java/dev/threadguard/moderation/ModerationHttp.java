package dev.threadguard.moderation;

import dev.threadguard.contract.Json;
import dev.threadguard.metrics.ServiceMetrics;
import io.javalin.Javalin;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Moderation's small HTTP server, for the orchestrator and the scraper only: {@code GET /health} (200 while
 * the Streams client is RUNNING or REBALANCING, 503 otherwise) and {@code GET /metrics} (Prometheus).
 */
final class ModerationHttp {
    private ModerationHttp() {
    }

    /** Starts listening on {@code port} (0: any free port). */
    static Javalin start(int port, Supplier<KafkaStreams.State> state, ServiceMetrics metrics) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        app.get("/health", ctx -> {
            KafkaStreams.State current = state.get();
            boolean up = healthy(current);
            ctx.status(up ? 200 : 503).contentType("application/json")
                    .result(Json.write(Map.of("status", up ? "UP" : "DOWN", "streams", current.name())));
        });
        app.get("/metrics", ctx -> {
            ServiceMetrics.Scrape scrape = metrics.scrape(ctx.header("Accept"));
            ctx.contentType(scrape.contentType()).result(scrape.body());
        });
        app.error(404, ctx -> ctx.contentType("application/json")
                .result(Json.write(Map.of("status", 404, "detail", "no route " + ctx.method() + " " + ctx.path()
                        + "; moderation serves GET /health and GET /metrics"))));
        return app.start(port);
    }

    static boolean healthy(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }
}
