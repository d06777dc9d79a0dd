package dev.threadguard.ingest;

import dev.threadguard.http.Problem;
import dev.threadguard.metrics.MetricNames;
import dev.threadguard.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Set;

/**
 * Requests, their latency and the rejections among them, by route template, method, status class and
 * rejection reason: all from small fixed sets, so a client sending odd paths cannot grow the series.
 * Recorded by Javalin's request logger, which runs once per request after every handler, exception
 * mapper and error handler, so 404s and failed requests are counted like the rest.
 */
final class HttpMetrics {
    static final String UNMATCHED = "unmatched";
    private static final String REASON_ATTRIBUTE = "threadguard.rejection-reason";
    private static final String PROBLEM_TYPE_PREFIX = "urn:threadguard:problem:";

    private final MeterRegistry registry;
    private final Set<String> routes;

    /** {@code routes}: the route templates the app serves; any other path is counted as {@code unmatched}. */
    HttpMetrics(MeterRegistry registry, Set<String> routes) {
        this.registry = registry;
        this.routes = Set.copyOf(routes);
    }

    /** Notes why {@code ctx} is being rejected, for {@link #record}; the reason is the problem's type code. */
    static void rejected(Context ctx, Problem problem) {
        String type = problem.type();
        ctx.attribute(REASON_ATTRIBUTE, type.startsWith(PROBLEM_TYPE_PREFIX)
                ? type.substring(PROBLEM_TYPE_PREFIX.length())
                : "http-" + problem.status());
    }

    /** A Javalin {@link io.javalin.http.RequestLogger}: called once per answered request. */
    void record(Context ctx, Float executionMillis) {
        String route = route(ctx);
        Tags tags = Tags.of(MetricNames.ROUTE, route, MetricNames.METHOD, ctx.method().name(),
                MetricNames.STATUS, ctx.statusCode() / 100 + "xx");
        Counter.builder(MetricNames.INGEST_REQUESTS).description("HTTP requests answered")
                .tags(tags).register(registry).increment();
        ServiceMetrics.latencyTimer(MetricNames.INGEST_REQUEST_DURATION, "HTTP request latency, first byte in to response")
                .tags(tags).register(registry)
                .record(Duration.ofNanos((long) (executionMillis * 1_000_000.0)));
        String reason = ctx.attribute(REASON_ATTRIBUTE);
        if (reason == null && ctx.statusCode() >= 400) {
            reason = "http-" + ctx.statusCode();
        }
        if (reason != null) {
            Counter.builder(MetricNames.INGEST_REJECTIONS).description("requests answered with an error, by reason")
                    .tags(MetricNames.ROUTE, route, MetricNames.REASON, reason).register(registry).increment();
        }
    }

    private String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return routes.contains(path) ? path : UNMATCHED;
        } catch (IllegalStateException e) {
            return UNMATCHED;
        }
    }
}
