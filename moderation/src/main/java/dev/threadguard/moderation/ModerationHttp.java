package dev.threadguard.moderation;

import dev.threadguard.http.HttpServers;
import dev.threadguard.http.OpsRoutes;
import dev.threadguard.metrics.ServiceMetrics;
import io.javalin.Javalin;
import java.util.function.Supplier;

/**
 * Moderation's small HTTP server, for the orchestrator and the scraper only: {@code GET /health} (200 while
 * the Streams client is RUNNING, 503 with the reason otherwise: {@link ModerationHealth}) and
 * {@code GET /metrics} (Prometheus). Every other request is answered as problem+json by {@link HttpServers}
 * (404, 405 with {@code Allow}).
 */
final class ModerationHttp {
    private ModerationHttp() {
    }

    /** Starts listening on {@code port} (0: any free port). */
    static Javalin start(int port, Supplier<ModerationHealth> health, ServiceMetrics metrics) {
        Javalin app = HttpServers.create();
        OpsRoutes.register(app, health, metrics);
        return app.start(port);
    }
}
