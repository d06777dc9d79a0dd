package dev.threadguard.sink.http;

import dev.threadguard.contract.EventValidator;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.QueueFilter;
import dev.threadguard.sink.store.ReviewCursor;
import dev.threadguard.sink.store.ReviewPage;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;

/**
 * The review queue ({@code GET /api/review-queue}) and what the page needs around it: the settings
 * ({@code GET /api/moderation/settings}) and the counts ({@code GET /api/moderation/summary}).
 */
final class QueueRoutes {
    static final String QUEUE = "/api/review-queue";
    static final String SETTINGS = "/api/moderation/settings";
    static final String SUMMARY = "/api/moderation/summary";

    private final CommentStore store;
    private final ModerationSettings settings;
    private final Clock clock;

    QueueRoutes(CommentStore store, ModerationSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get(QUEUE, this::reviewQueue);
        app.get(SETTINGS, ctx -> ctx.json(settings));
        app.get(SUMMARY, ctx -> ctx.json(store.summary()));
    }

    private void reviewQueue(Context ctx) {
        int limit = QueryParams.limit(ctx.queryParam("limit"));
        Instant now = clock.instant();
        // At least minAge old: posted before now - minAge; at most maxAge old: posted after now - maxAge.
        QueueFilter filter = new QueueFilter(QueryParams.flag(ctx.queryParam("flag")),
                QueryParams.text("articleId", ctx.queryParam("articleId"), EventValidator.MAX_ID_LENGTH),
                QueryParams.ageBefore("minAge", ctx.queryParam("minAge"), now),
                QueryParams.ageBefore("maxAge", ctx.queryParam("maxAge"), now));
        ReviewCursor after = QueryParams.cursor("after", ctx.queryParam("after"));
        ReviewPage page = store.reviewQueue(filter, after, limit);
        ctx.json(new ReviewQueueView(page.items(), page.next() == null ? null : page.next().encode(), page.total()));
    }
}
