package dev.threadguard.http;

import dev.threadguard.contract.Json;
import dev.threadguard.metrics.ServiceMetrics;
import io.javalin.Javalin;
import java.util.function.Supplier;

/**
 * The operations routes every service serves: {@code GET /health} (the service's {@link HealthStatus} as JSON;
 * 200 while up, 503 otherwise) and {@code GET /metrics} (Prometheus text 0.0.4, or OpenMetrics when the
 * {@code Accept} header asks for it).
 */
public final class OpsRoutes {
    public static final String HEALTH = "/health";
    public static final String METRICS = "/metrics";

    private OpsRoutes() {
    }

    public static void register(Javalin app, Supplier<? extends HealthStatus> health, ServiceMetrics metrics) {
        app.get(HEALTH, ctx -> {
            HealthStatus status = health.get();
            ctx.status(status.up() ? 200 : 503).contentType("application/json").result(Json.write(status));
        });
        app.get(METRICS, ctx -> {
            ServiceMetrics.Scrape scrape = metrics.scrape(ctx.header("Accept"));
            ctx.contentType(scrape.contentType()).result(scrape.body());
        });
    }
}
