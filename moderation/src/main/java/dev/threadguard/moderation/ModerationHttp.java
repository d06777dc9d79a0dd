package dev.threadguard.moderation;

import dev.threadguard.contract.Json;
import dev.threadguard.metrics.ServiceMetrics;
import io.javalin.Javalin;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Moderation's small HTTP server, for the orchestrator and the scraper only: {@code GET /health} (200 while
 * the Streams client is RUNNING, 503 with the reason otherwise: {@link ModerationHealth}) and
 * {@code GET /metrics} (Prometheus).
 */
final class ModerationHttp {
    private ModerationHttp() {
    }

    /** Starts listening on {@code port} (0: any free port). */
    static Javalin start(int port, Supplier<ModerationHealth> health, ServiceMetrics metrics) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        app.get("/health", ctx -> {
            ModerationHealth report = health.get();
            ctx.status(report.up() ? 200 : 503).contentType("application/json").result(Json.write(report));
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
}
