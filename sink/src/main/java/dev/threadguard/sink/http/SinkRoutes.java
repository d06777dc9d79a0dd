package dev.threadguard.sink.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Violation;
import dev.threadguard.metrics.ServiceMetrics;
import dev.threadguard.http.HttpServers;
import dev.threadguard.http.ProblemException;
import dev.threadguard.sink.auth.Auth;
import dev.threadguard.sink.dashboard.Dashboard;
import dev.threadguard.sink.decisions.DecisionIntake;
import dev.threadguard.sink.decisions.DecisionRequest;
import dev.threadguard.sink.decisions.DecisionsRefusedException;
import dev.threadguard.sink.decisions.DecisionsUnavailableException;
import dev.threadguard.sink.decisions.ModeratorIdentity;
import dev.threadguard.sink.decisions.RequestError;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.AuditFilter;
import dev.threadguard.sink.store.AuditPage;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.DecisionStore;
import dev.threadguard.sink.store.QueueFilter;
import dev.threadguard.sink.store.ReviewCursor;
import dev.threadguard.sink.store.ReviewPage;
import dev.threadguard.sink.store.StoreException;
import dev.threadguard.sink.store.StoredArticle;
import dev.threadguard.sink.store.StoredComment;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP route of the sink, and how errors are answered. The API is described in
 * {@code /openapi.yaml} (src/main/resources/web/openapi.yaml); the review page at {@code /} uses it.
 */
public final class SinkRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SinkRoutes.class);

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

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

    private final CommentStore store;
    private final DecisionStore decisions;
    private final DecisionIntake intake;
    private final ModeratorIdentity identity = ModeratorIdentity.fromSession();
    private final Auth auth;
    private final ModerationSettings settings;
    private final Supplier<HealthReport> health;
    private final Clock clock;
    private Dashboard dashboard;
    private ServiceMetrics metrics;

    public SinkRoutes(CommentStore store, DecisionStore decisions, DecisionIntake intake, Auth auth,
            ModerationPolicy policy, List<String> rejectReasons, Supplier<HealthReport> health, Clock clock) {
        this.store = store;
        this.decisions = decisions;
        this.intake = intake;
        this.auth = auth;
        Map<String, String> byFlag = new LinkedHashMap<>();
        policy.byFlag().forEach((flag, p) -> byFlag.put(flag.name(), p.configValue()));
        this.settings = new ModerationSettings(rejectReasons, byFlag, Decision.MAX_MODERATOR_LENGTH,
                Decision.MAX_REASON_LENGTH, DecisionIntake.MAX_DECISIONS_PER_REQUEST);
        this.health = health;
        this.clock = clock;
    }

    /**
     * Adds {@code GET /api/dashboard} (the dashboard page's data) and {@code GET /metrics} (Prometheus); without
     * them both answer 404.
     */
    public SinkRoutes withMonitoring(Dashboard newDashboard, ServiceMetrics newMetrics) {
        this.dashboard = newDashboard;
        this.metrics = newMetrics;
        return this;
    }

    /** A configured server with all routes; the caller starts it. */
    public Javalin server() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            // The review page: index.html, app.js, app.css, openapi.yaml. Plain files, no build step.
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = SECURITY_HEADERS;
            });
            // uPlot for the dashboard's charts, from its webjar: /webjars/uplot/<version>/dist/...
            config.staticFiles.enableWebjars();
        });
        app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
        auth.install(app); // logins: every route below needs a session unless sink.auth.Access says otherwise

        app.get("/health", this::health);
        app.get("/api/threads/{articleId}", this::thread);
        app.get("/api/articles", this::articles);
        app.get("/api/review-queue", this::reviewQueue);
        app.get("/api/moderation/settings", ctx -> ctx.json(settings));
        app.get("/api/moderation/summary", ctx -> ctx.json(store.summary()));
        app.post("/api/decisions", this::decide);
        app.get("/api/audit", this::audit);
        app.get("/api/labels.jsonl", this::labels);
        if (dashboard != null) {
            app.get("/api/dashboard", ctx -> ctx.json(dashboard.view()));
        }
        if (metrics != null) {
            app.get("/metrics", ctx -> {
                ServiceMetrics.Scrape scrape = metrics.scrape(ctx.header("Accept"));
                ctx.contentType(scrape.contentType()).result(scrape.body());
            });
        }

        // Until the sink builds its server with HttpServers.create, which answers these itself.
        app.exception(ProblemException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            HttpServers.answer(ctx, e.problem(), (c, p) -> { });
        });
        app.exception(InvalidParameterException.class, (e, ctx) ->
                problem(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), e.parameter(), null));
        app.exception(DecisionsRefusedException.class, (e, ctx) ->
                problem(ctx, HttpStatus.UNPROCESSABLE_CONTENT, "no decision was taken: " + e.getMessage(), null,
                        e.errors()));
        app.exception(DecisionsUnavailableException.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            problem(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not take the decisions; nothing was decided, "
                    + "try again", null, null);
        });
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            problem(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the database is not available, try again later", null, null);
        });
        // Javalin's own errors (unknown route, wrong method) in the same format as ours.
        app.exception(HttpResponseException.class, (e, ctx) ->
                problem(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage(), null, null));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            problem(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error; see the sink's log", null, null);
        });
        return app;
    }

    private void thread(Context ctx) {
        String articleId = ctx.pathParam("articleId");
        ThreadTree.View view = view(ctx.queryParam("view"));
        Optional<StoredArticle> article = store.article(articleId);
        List<StoredComment> comments = store.thread(articleId);
        if (article.isEmpty() && comments.isEmpty()) {
            problem(ctx, HttpStatus.NOT_FOUND, "no article and no comment known for articleId " + articleId, null,
                    null);
            return;
        }
        List<StoredComment> shown = ThreadTree.visible(comments, view);
        ctx.json(new ThreadView(article.orElse(null), view.name().toLowerCase(Locale.ROOT), shown.size(),
                ThreadTree.build(shown, view)));
    }

    private void articles(Context ctx) {
        ctx.json(store.articles(limit(ctx.queryParam("limit"))));
    }

    private void reviewQueue(Context ctx) {
        int limit = limit(ctx.queryParam("limit"));
        Instant now = clock.instant();
        Duration minAge = age("minAge", ctx.queryParam("minAge"));
        Duration maxAge = age("maxAge", ctx.queryParam("maxAge"));
        QueueFilter filter = new QueueFilter(flag(ctx.queryParam("flag")), blankToNull(ctx.queryParam("articleId")),
                minAge == null ? null : now.minus(minAge), maxAge == null ? null : now.minus(maxAge));
        ReviewCursor after = cursor("after", ctx.queryParam("after"));
        ReviewPage page = store.reviewQueue(filter, after, limit);
        ctx.json(new ReviewQueueView(page.items(), page.next() == null ? null : page.next().encode(), page.total()));
    }

    /** One decision (a JSON object) or many (an array), all taken or none; 202 once Kafka has them. */
    private void decide(Context ctx) {
        String contentType = ctx.contentType();
        // Only JSON: a cross-site HTML form cannot send it, so another site cannot decide in a moderator's name.
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problem(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the decisions as application/json", null, null);
            return;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            Violation v = Json.violationOf(e);
            problem(ctx, HttpStatus.BAD_REQUEST, v.message(), null, null);
            return;
        }
        if (body == null || !(body.isObject() || body.isArray())) {
            problem(ctx, HttpStatus.BAD_REQUEST, "expected a decision object or an array of them", null, null);
            return;
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(nodes::add);
        } else {
            nodes.add(body);
        }
        List<DecisionRequest> requests = new ArrayList<>();
        List<RequestError> errors = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            try {
                requests.add(Json.MAPPER.treeToValue(nodes.get(i), DecisionRequest.class));
            } catch (JsonProcessingException e) {
                Violation v = Json.violationOf(e);
                errors.add(new RequestError(i, v.field(), v.message()));
                requests.add(null);
            }
        }
        if (!errors.isEmpty()) {
            throw new DecisionsRefusedException(errors);
        }
        List<Decision> taken = intake.take(requests, claimed -> identity.moderator(ctx, claimed));
        ctx.status(HttpStatus.ACCEPTED).json(new DecisionsAccepted(taken));
    }

    private void audit(Context ctx) {
        AuditFilter filter = new AuditFilter(blankToNull(ctx.queryParam("moderator")),
                blankToNull(ctx.queryParam("commentId")), blankToNull(ctx.queryParam("articleId")),
                day("from", ctx.queryParam("from"), false), day("to", ctx.queryParam("to"), true));
        AuditPage page = decisions.audit(filter, cursor("before", ctx.queryParam("before")),
                limit(ctx.queryParam("limit")));
        ctx.json(new AuditView(page.entries(), page.next() == null ? null : page.next().encode()));
    }

    /** The corrections as labels.jsonl, streamed: one JSON object per line. */
    private void labels(Context ctx) {
        ctx.contentType("application/x-ndjson; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"labels.jsonl\"");
        OutputStream out = ctx.outputStream();
        decisions.labels(label -> {
            try {
                out.write(Json.write(label));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("the client went away while downloading labels.jsonl", e);
            }
        });
    }

    private void health(Context ctx) {
        HealthReport report = health.get();
        ctx.status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
    }

    static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        String message = "limit must be a whole number between 1 and " + MAX_LIMIT + ", got '" + raw + "'";
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("limit", message);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterException("limit", message);
        }
        return limit;
    }

    static Flag flag(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Flag.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(Flag.values()).map(Flag::name).collect(Collectors.joining(", "));
            throw new InvalidParameterException("flag", "flag must be one of " + known + ", got '" + raw + "'");
        }
    }

    static ThreadTree.View view(String raw) {
        if (raw == null || raw.isBlank()) {
            return ThreadTree.View.MODERATOR;
        }
        try {
            return ThreadTree.View.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("view", "view must be public or moderator, got '" + raw + "'");
        }
    }

    static Duration age(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            Duration d = Duration.parse(raw.trim());
            if (d.isNegative()) {
                throw new InvalidParameterException(parameter, parameter + " must not be negative, got '" + raw + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, parameter
                    + " must be an ISO-8601 duration such as PT1H or P1D, got '" + raw + "'");
        }
    }

    /** A day (2013-12-17, UTC; as the end of a range it includes the whole day) or an instant. */
    static Instant day(String parameter, String raw, boolean endOfRange) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim();
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (endOfRange ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, parameter
                    + " must be a date such as 2013-12-17 or an instant such as 2013-12-17T10:00:00Z, got '" + raw + "'");
        }
    }

    static ReviewCursor cursor(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return ReviewCursor.decode(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(parameter, parameter + ": " + e.getMessage()
                    + "; pass the 'next' value of the previous page");
        }
    }

    private static String blankToNull(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    private static void problem(Context ctx, HttpStatus status, String detail, String parameter,
            List<RequestError> errors) {
        ctx.status(status)
                .json(new Problem("about:blank", status.getMessage(), status.getCode(), detail, ctx.path(), parameter,
                        errors))
                .contentType(Problem.CONTENT_TYPE);
    }
}
