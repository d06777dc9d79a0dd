package dev.threadguard.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.InvalidEventException;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.TimeRange;
import dev.threadguard.contract.Topics;
import dev.threadguard.contract.Violation;
import dev.threadguard.http.HealthStatus;
import dev.threadguard.http.HttpServers;
import dev.threadguard.http.OpsRoutes;
import dev.threadguard.http.Problem;
import dev.threadguard.http.ProblemException;
import dev.threadguard.http.ProblemType;
import dev.threadguard.ingest.auth.SiteKeyAuth;
import dev.threadguard.ingest.publish.KafkaPublisher;
import dev.threadguard.ingest.publish.KafkaStatus;
import dev.threadguard.ingest.publish.KafkaUnavailableException;
import dev.threadguard.ingest.submission.BatchTooLargeException;
import dev.threadguard.ingest.submission.BodyFormat;
import dev.threadguard.ingest.submission.ResendMemory;
import dev.threadguard.ingest.submission.Submissions;
import dev.threadguard.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every route of the ingest API, and how each kind of failure is answered (RFC 9457, {@link HttpServers}). */
public final class IngestRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(IngestRoutes.class);
    /** Matches the background retry of the topic setup, so a client retrying after it has a chance. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** Every route template served; the values of the {@code route} label besides {@code unmatched}. */
    static final Set<String> ROUTES = Set.of("/api/articles", "/api/comments", "/api/comments/batch", OpsRoutes.HEALTH,
            OpsRoutes.METRICS);

    private final IngestConfig config;
    private final KafkaPublisher publisher;
    private final KafkaStatus kafka;
    private final ServiceMetrics metrics;
    private final ResendMemory resends;
    private final TimeRange range;
    private final BooleanSupplier siteKeysReady;

    /**
     * The answer to an accepted request: how many events, and their ids, each once. {@code repeated} lists the ids
     * sent again with the same content (twice in one batch, or already accepted by an earlier request): accepted,
     * published once.
     */
    public record Accepted(int accepted, List<String> ids,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> repeated) {
    }

    /** What {@code GET /health} answers: UP while Kafka is reachable and the topics are set up. */
    public record IngestHealth(String status) implements HealthStatus {
        @Override
        public boolean up() {
            return "UP".equals(status);
        }
    }

    public IngestRoutes(IngestConfig config, KafkaPublisher publisher, KafkaStatus kafka, ServiceMetrics metrics,
            BooleanSupplier siteKeysReady) {
        this.config = config;
        this.siteKeysReady = siteKeysReady;
        this.metrics = metrics;
        this.publisher = publisher;
        this.kafka = kafka;
        this.resends = new ResendMemory(config.resendMemory(), config.resendMemoryTtl());
        this.range = config.timeRange();
    }

    /** The observer {@link HttpServers#create} tells of each problem answered: the rejection metrics. */
    static BiConsumer<Context, Problem> observer() {
        return HttpMetrics::rejected;
    }

    public void register(Javalin app) {
        app.post("/api/articles", this::postArticle);
        app.post("/api/comments", this::postComment);
        app.post("/api/comments/batch", this::postCommentBatch);
        OpsRoutes.register(app, this::health, metrics);

        app.exception(InvalidEventException.class, (e, ctx) -> HttpServers.answer(ctx,
                Problem.invalidInput("the request body is not a valid event; nothing was published", e.violations()),
                observer()));
        app.exception(BatchTooLargeException.class, (e, ctx) -> HttpServers.answer(ctx,
                Problem.of(ProblemType.CONTENT_TOO_LARGE, e.getMessage()), observer()));
        app.exception(RecordTooLargeException.class, (e, ctx) -> HttpServers.answer(ctx,
                Problem.of(ProblemType.CONTENT_TOO_LARGE, "an event is larger than Kafka accepts; nothing was published"),
                observer()));
        app.exception(ResendMemory.ConflictException.class, (e, ctx) -> HttpServers.answer(ctx, conflict(e),
                observer()));
        app.exception(KafkaUnavailableException.class, (e, ctx) -> {
            // Broker addresses and client internals go to the log, not to the client.
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            HttpServers.answer(ctx, Problem.of(ProblemType.UNAVAILABLE,
                    "Kafka is unavailable, nothing was published; retry in a few seconds"), observer());
        });
    }

    private void postArticle(Context ctx) {
        Article article = Submissions.article(body(ctx, Set.of(BodyFormat.JSON), BodyFormat.ACCEPTED_SINGLE,
                config.maxBodyBytes()), range)
                .withSite(SiteKeyAuth.site(ctx));
        publisher.publish(List.of(KafkaPublisher.record(Topics.ARTICLES, article.articleId(), article)));
        LOG.info("published article {}", article.articleId());
        accepted(ctx, List.of(article.articleId()), List.of());
    }

    private void postComment(Context ctx) {
        byte[] body = body(ctx, Set.of(BodyFormat.JSON), BodyFormat.ACCEPTED_SINGLE, config.maxBodyBytes());
        Comment comment = Submissions.comment(body, range).withSite(SiteKeyAuth.site(ctx));
        publishComments(ctx, List.of(comment), List.of());
    }

    private void postCommentBatch(Context ctx) {
        byte[] body = body(ctx, Set.of(BodyFormat.JSON, BodyFormat.JSON_LINES), BodyFormat.ACCEPTED_BATCH, config.maxBatchBytes());
        BodyFormat format = BodyFormat.of(ctx.contentType()).orElseThrow();
        Submissions.Batch batch = Submissions.commentBatch(body, format, range, config.maxBatchItems());
        SiteKeyAuth.charge(ctx, batch.comments().size());
        String site = SiteKeyAuth.site(ctx);
        publishComments(ctx, batch.comments().stream().map(c -> c.withSite(site)).toList(), batch.repeated());
    }

    /** Publishes the comments this instance has not accepted before, all or nothing. */
    private void publishComments(Context ctx, List<Comment> comments, List<String> repeatedInRequest) {
        ResendMemory.Claim claim = resends.claim(comments);
        List<ProducerRecord<byte[], byte[]>> records = claim.toPublish().stream()
                .map(c -> KafkaPublisher.record(Topics.COMMENTS_SUBMITTED, c.articleId(), c))
                .toList();
        if (!records.isEmpty()) {
            try {
                publisher.publish(records);
            } catch (RuntimeException e) {
                claim.released();
                throw e;
            }
        }
        claim.committed();
        List<String> ids = comments.stream().map(Comment::commentId).toList();
        List<String> repeated = new ArrayList<>(repeatedInRequest);
        repeated.addAll(claim.repeated());
        if (comments.size() == 1) {
            LOG.info("{} comment {} on article {}", records.isEmpty() ? "accepted again" : "published",
                    ids.get(0), comments.get(0).articleId());
        } else {
            LOG.info("published batch of {} comments ({} repeated) on articles {}", records.size(), repeated.size(),
                    comments.stream().map(Comment::articleId).distinct().limit(10).toList());
        }
        accepted(ctx, ids, repeated);
    }

    private static Problem conflict(ResendMemory.ConflictException e) {
        List<ResendMemory.Conflict> conflicts = e.conflicts();
        boolean single = conflicts.size() == 1 && conflicts.get(0).index() == 0;
        List<Violation> errors = conflicts.stream().map(c -> new Violation(
                single ? "commentId" : "[" + c.index() + "].commentId",
                "'" + c.commentId() + "' was accepted before with other content")).toList();
        String detail = (conflicts.size() == 1 ? "comment '" + conflicts.get(0).commentId() + "' was"
                : conflicts.size() + " comment ids were") + " accepted before with other content; a comment id names "
                + "one comment, which cannot be changed by sending it again; nothing was published";
        return Problem.of(ProblemType.CONFLICT, detail).withErrors(errors);
    }

    private IngestHealth health() {
        boolean up = kafka.topicsReady() && kafka.reachable() && siteKeysReady.getAsBoolean();
        return new IngestHealth(up ? "UP" : "DOWN");
    }

    /** The body, once its media type is one of {@code formats} and it is at most {@code maxBytes} long. */
    private static byte[] body(Context ctx, Set<BodyFormat> formats, String accepted, int maxBytes) {
        String contentType = ctx.contentType();
        if (BodyFormat.of(contentType).filter(formats::contains).isEmpty()) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, (contentType == null
                    ? "the request has no Content-Type" : "Content-Type " + contentType + " is not accepted")
                    + "; this route accepts " + accepted);
        }
        String tooLarge = "the body must be at most " + maxBytes + " bytes";
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new ProblemException(ProblemType.CONTENT_TOO_LARGE,
                    tooLarge + ", Content-Length says " + ctx.req().getContentLengthLong());
        }
        // Read one byte past the limit: bodies sent without Content-Length (chunked) are bounded too.
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ProblemException(ProblemType.CONTENT_TOO_LARGE, tooLarge);
            }
            return bytes;
        } catch (IOException e) {
            // The client went away or sent a broken chunked body; what Jetty says about it is no use to anyone.
            LOG.debug("{} {}: body not read", ctx.method(), ctx.path(), e);
            throw new ProblemException(Problem.invalidInput("the request body could not be read completely",
                    List.of(new Violation("body", "incomplete or malformed transfer"))));
        }
    }

    private static void accepted(Context ctx, List<String> ids, List<String> repeated) {
        ctx.status(202).contentType("application/json")
                .result(Json.write(new Accepted(ids.size(), ids, repeated)));
    }
}
