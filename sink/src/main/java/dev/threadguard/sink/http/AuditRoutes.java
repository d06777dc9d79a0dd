package dev.threadguard.sink.http;

import dev.threadguard.contract.Decision;
import dev.threadguard.contract.EventValidator;
import dev.threadguard.contract.Json;
import dev.threadguard.http.ProblemException;
import dev.threadguard.sink.store.AuditFilter;
import dev.threadguard.sink.store.AuditPage;
import dev.threadguard.sink.store.DecisionStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** What moderators decided: the audit trail ({@code GET /api/audit}) and the corrections as labels.jsonl. */
final class AuditRoutes {
    static final String AUDIT = "/api/audit";
    static final String LABELS = "/api/labels.jsonl";

    private final DecisionStore decisions;

    AuditRoutes(DecisionStore decisions) {
        this.decisions = decisions;
    }

    void register(Javalin app) {
        app.get(AUDIT, this::audit);
        app.get(LABELS, this::labels);
    }

    private void audit(Context ctx) {
        Instant from = QueryParams.day("from", ctx.queryParam("from"), false);
        Instant to = QueryParams.day("to", ctx.queryParam("to"), true);
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.invalidParameter("from", "from (" + from + ") must not be after to (" + to + ")");
        }
        AuditFilter filter = new AuditFilter(
                QueryParams.text("moderator", ctx.queryParam("moderator"), Decision.MAX_MODERATOR_LENGTH),
                QueryParams.text("commentId", ctx.queryParam("commentId"), EventValidator.MAX_ID_LENGTH),
                QueryParams.text("articleId", ctx.queryParam("articleId"), EventValidator.MAX_ID_LENGTH), from, to);
        AuditPage page = decisions.audit(filter, QueryParams.cursor("before", ctx.queryParam("before")),
                QueryParams.limit(ctx.queryParam("limit")));
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
}
