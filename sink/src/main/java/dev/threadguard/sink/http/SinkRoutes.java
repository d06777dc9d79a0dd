package dev.threadguard.sink.http;

import dev.threadguard.contract.Decision;
import dev.threadguard.http.HttpServers;
import dev.threadguard.http.OpsRoutes;
import dev.threadguard.http.Problem;
import dev.threadguard.http.ProblemType;
import dev.threadguard.metrics.ServiceMetrics;
import dev.threadguard.sink.auth.Access;
import dev.threadguard.sink.auth.Auth;
import dev.threadguard.sink.dashboard.Dashboard;
import dev.threadguard.sink.decisions.DecisionIntake;
import dev.threadguard.sink.decisions.ModeratorIdentity;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.DecisionStore;
import dev.threadguard.sink.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's HTTP server: assembles the routes (threads, queue, decisions, audit, operations) and the static
 * review page, and answers every error as problem+json through {@link HttpServers}. The API is described in
 * {@code /openapi.yaml} (src/main/resources/web/openapi.yaml); the review page at {@code /} uses it.
 */
public final class SinkRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SinkRoutes.class);

    /**
     * Sent with every response. The page loads its script and styles from this server only and never
     * runs inline script, so an injected {@code <script>} or {@code onerror=} could not run even if
     * user text were ever put into the page as HTML (it is not: the page sets textContent only).
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    /**
     * The {@code Cache-Control} of a response unless its route sets another. Without one, browsers keep the page's
     * files for a while on their own (a tenth of the time since the file's Last-Modified) and open them from the
     * cache without asking: after a logout the review page came back from the cache, its scripts did not (401), and
     * nothing took the person to the login page. So a page is never stored (neither a visit nor Back shows it
     * without the login check) and everything else is asked for again each time (a 304 when unchanged).
     *
     * @return {@code no-store} for pages ({@code /}, {@code *.html}, {@code /login}), else {@code no-cache}
     */
    static String cacheControl(String method, String path) {
        return Access.isPage(method, path) || path.equals("/login") ? "no-store" : "no-cache";
    }

    private final ThreadRoutes threads;
    private final QueueRoutes queue;
    private final DecisionRoutes decisionRoutes;
    private final AuditRoutes audit;
    private final Auth auth;
    private final Supplier<HealthReport> health;
    private Dashboard dashboard;
    private ServiceMetrics metrics;

    public SinkRoutes(CommentStore store, DecisionStore decisions, DecisionIntake intake, Auth auth,
            ModerationPolicy policy, List<String> rejectReasons, Supplier<HealthReport> health, Clock clock) {
        Map<String, String> byFlag = new LinkedHashMap<>();
        policy.byFlag().forEach((flag, p) -> byFlag.put(flag.name(), p.configValue()));
        ModerationSettings settings = new ModerationSettings(rejectReasons, byFlag, Decision.MAX_MODERATOR_LENGTH,
                Decision.MAX_REASON_LENGTH, DecisionIntake.MAX_DECISIONS_PER_REQUEST);
        this.threads = new ThreadRoutes(store);
        this.queue = new QueueRoutes(store, settings, clock);
        this.decisionRoutes = new DecisionRoutes(intake, ModeratorIdentity.fromSession());
        this.audit = new AuditRoutes(decisions);
        this.auth = auth;
        this.health = health;
    }

    /**
     * Adds {@code GET /api/dashboard} (the dashboard page's data) and this instance's meters to
     * {@code GET /metrics}; without them the dashboard answers 404 and /metrics serves an empty registry.
     */
    public SinkRoutes withMonitoring(Dashboard newDashboard, ServiceMetrics newMetrics) {
        this.dashboard = newDashboard;
        this.metrics = newMetrics;
        return this;
    }

    /**
     * A configured server with all routes; the caller starts it. Every handler is installed here, in this order:
     * headers and filters first ({@code before}), then the routes, then the error answers.
     */
    public Javalin server() {
        Javalin app = HttpServers.create(config -> {
            // The review page: index.html, app.js, app.css, openapi.yaml. Plain files, no build step.
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = SECURITY_HEADERS;
            });
            // uPlot for the dashboard's charts, from its webjar: /webjars/uplot/<version>/dist/...
            config.staticFiles.enableWebjars();
        }, (ctx, problem) -> { });
        app.before(ctx -> {
            SECURITY_HEADERS.forEach(ctx::header);
            ctx.header("Cache-Control", cacheControl(ctx.method().name(), ctx.path())); // a route may set its own
        });
        auth.install(app); // logins: every route below needs a session unless sink.auth.Access says otherwise

        ServiceMetrics served = metrics;
        if (served == null) {
            ServiceMetrics own = ServiceMetrics.create("sink");
            app.events(events -> events.serverStopped(own::close));
            served = own;
        }
        OpsRoutes.register(app, health, served);
        threads.register(app);
        queue.register(app);
        decisionRoutes.register(app);
        audit.register(app);
        if (dashboard != null) {
            Dashboard shown = dashboard;
            app.get("/api/dashboard", ctx -> ctx.json(shown.view()));
        }

        app.exception(StoreException.class, (e, ctx) -> {
            if (e.isDataException()) {
                // The database is up and refused a value: asking again will not help, so not a 503.
                LOG.debug("{} {}: the database refused a value: {}", ctx.method(), ctx.path(), e.getMessage());
                HttpServers.answer(ctx, Problem.of(ProblemType.BAD_REQUEST, "a value of this request cannot be "
                        + "used by the database (a control character, or a date out of range); correct it"),
                        (c, p) -> { });
                return;
            }
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            HttpServers.answer(ctx, Problem.of(ProblemType.UNAVAILABLE,
                    "the database is not available, try again later"), (c, p) -> { });
        });
        return app;
    }
}
