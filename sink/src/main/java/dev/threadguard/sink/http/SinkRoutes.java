package dev.threadguard.sink.http;

import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.ReviewCursor;
import dev.threadguard.sink.store.ReviewPage;
import dev.threadguard.sink.store.StoreException;
import dev.threadguard.sink.store.StoredArticle;
import dev.threadguard.sink.store.StoredComment;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every HTTP route of the sink, and how errors are answered. */
public final class SinkRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SinkRoutes.class);

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final CommentStore store;
    private final Supplier<HealthReport> health;

    public SinkRoutes(CommentStore store, Supplier<HealthReport> health) {
        this.store = store;
        this.health = health;
    }

    /** A configured server with all routes; the caller starts it. */
    public Javalin server() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
        });
        app.get("/api/threads/{articleId}", this::thread);
        app.get("/api/review-queue", this::reviewQueue);
        app.get("/health", this::health);

        app.exception(InvalidParameterException.class, (e, ctx) ->
                problem(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), e.parameter()));
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            problem(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the database is not available, try again later", null);
        });
        // Javalin's own errors (unknown route, wrong method) in the same format as ours.
        app.exception(HttpResponseException.class, (e, ctx) ->
                problem(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage(), null));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            problem(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error; see the sink's log", null);
        });
        return app;
    }

    private void thread(Context ctx) {
        String articleId = ctx.pathParam("articleId");
        Optional<StoredArticle> article = store.article(articleId);
        List<StoredComment> comments = store.thread(articleId);
        if (article.isEmpty() && comments.isEmpty()) {
            problem(ctx, HttpStatus.NOT_FOUND, "no article and no comment known for articleId " + articleId, null);
            return;
        }
        ctx.json(new ThreadView(article.orElse(null), comments.size(), ThreadTree.build(comments)));
    }

    private void reviewQueue(Context ctx) {
        int limit = limit(ctx.queryParam("limit"));
        Flag flag = flag(ctx.queryParam("flag"));
        ReviewCursor after = cursor(ctx.queryParam("after"));
        ReviewPage page = store.reviewQueue(flag, after, limit);
        ctx.json(new ReviewQueueView(page.items(), page.next() == null ? null : page.next().encode()));
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

    static ReviewCursor cursor(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return ReviewCursor.decode(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("after", "after: " + e.getMessage()
                    + "; pass the 'next' value of the previous page");
        }
    }

    private static void problem(Context ctx, HttpStatus status, String detail, String parameter) {
        ctx.status(status)
                .json(new Problem("about:blank", status.getMessage(), status.getCode(), detail, ctx.path(), parameter))
                .contentType(Problem.CONTENT_TYPE);
    }
}
