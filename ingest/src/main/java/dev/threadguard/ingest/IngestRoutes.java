package dev.threadguard.ingest;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.InvalidEventException;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Topics;
import dev.threadguard.ingest.auth.SiteKeyAuth;
import dev.threadguard.ingest.publish.KafkaPublisher;
import dev.threadguard.ingest.publish.KafkaStatus;
import dev.threadguard.ingest.publish.KafkaUnavailableException;
import dev.threadguard.ingest.submission.BatchTooLargeException;
import dev.threadguard.ingest.submission.BodyFormat;
import dev.threadguard.ingest.submission.Submissions;
import dev.threadguard.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every route of the ingest API, and how each kind of failure is answered. */
public final class IngestRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(IngestRoutes.class);
    /** Matches the background retry of the topic setup, so a client retrying after it has a chance. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** Every route template served; the values of the {@code route} label besides {@code unmatched}. */
    static final Set<String> ROUTES = Set.of("/api/articles", "/api/comments", "/api/comments/batch", "/health", "/metrics");

    private final IngestConfig config;
    private final KafkaPublisher publisher;
    private final KafkaStatus kafka;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final BooleanSupplier siteKeysReady;

    /** The answer to an accepted request: how many events, and their ids. */
    public record Accepted(int accepted, List<String> ids) {
    }

    public IngestRoutes(IngestConfig config, KafkaPublisher publisher, KafkaStatus kafka, Clock clock, ServiceMetrics metrics,
                        BooleanSupplier siteKeysReady) {
        this.config = config;
        this.siteKeysReady = siteKeysReady;
        this.metrics = metrics;
        this.publisher = publisher;
        this.kafka = kafka;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.post("/api/articles", this::postArticle);
        app.post("/api/comments", this::postComment);
        app.post("/api/comments/batch", this::postCommentBatch);
        app.get("/health", this::health);
        app.get("/metrics", this::metrics);

        app.exception(ProblemException.class, (e, ctx) -> answer(ctx, e.problem()));
        app.exception(InvalidEventException.class, (e, ctx) -> answer(ctx,
                Problem.invalidInput("the request body is not a valid event; nothing was published", e.violations())));
        app.exception(BatchTooLargeException.class, (e, ctx) -> answer(ctx, Problem.tooLarge(e.getMessage())));
        app.exception(RecordTooLargeException.class, (e, ctx) -> answer(ctx,
                Problem.tooLarge("an event is larger than Kafka accepts; nothing was published")));
        app.exception(KafkaUnavailableException.class, (e, ctx) -> {
            // Broker addresses and client internals go to the log, not to the client.
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            answer(ctx, Problem.unavailable("Kafka is unavailable, nothing was published; retry in a few seconds"));
        });
        // Javalin's own failures (unknown route, its request size limit) get problem bodies too.
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, javalinProblem(e.getStatus(), ctx)));
        app.error(404, ctx -> answer(ctx, javalinProblem(404, ctx)));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            answer(ctx, Problem.internal());
        });
    }

    private void postArticle(Context ctx) {
        Article article = Submissions.article(body(ctx, Set.of(BodyFormat.JSON), BodyFormat.ACCEPTED_SINGLE, config.maxBodyBytes()))
                .withSite(SiteKeyAuth.site(ctx));
        publisher.publish(List.of(KafkaPublisher.record(Topics.ARTICLES, article.articleId(), article)));
        LOG.info("published article {}", article.articleId());
        accepted(ctx, List.of(article.articleId()));
    }

    private void postComment(Context ctx) {
        byte[] body = body(ctx, Set.of(BodyFormat.JSON), BodyFormat.ACCEPTED_SINGLE, config.maxBodyBytes());
        Comment comment = Submissions.comment(body, clock.instant()).withSite(SiteKeyAuth.site(ctx));
        publisher.publish(List.of(KafkaPublisher.record(Topics.COMMENTS_SUBMITTED, comment.articleId(), comment)));
        LOG.info("published comment {} on article {}", comment.commentId(), comment.articleId());
        accepted(ctx, List.of(comment.commentId()));
    }

    private void postCommentBatch(Context ctx) {
        byte[] body = body(ctx, Set.of(BodyFormat.JSON, BodyFormat.JSON_LINES), BodyFormat.ACCEPTED_BATCH, config.maxBatchBytes());
        BodyFormat format = BodyFormat.of(ctx.contentType()).orElseThrow();
        List<Comment> comments = Submissions.commentBatch(body, format, clock.instant(), config.maxBatchItems());
        SiteKeyAuth.charge(ctx, comments.size());
        String site = SiteKeyAuth.site(ctx);
        List<ProducerRecord<byte[], byte[]>> records = comments.stream()
                .map(c -> KafkaPublisher.record(Topics.COMMENTS_SUBMITTED, c.articleId(), c.withSite(site)))
                .toList();
        publisher.publish(records);
        List<String> ids = comments.stream().map(Comment::commentId).toList();
        LOG.info("published batch of {} comments on articles {}", comments.size(),
                comments.stream().map(Comment::articleId).distinct().limit(10).toList());
        accepted(ctx, ids);
    }

    private void health(Context ctx) {
        boolean up = kafka.topicsReady() && kafka.reachable() && siteKeysReady.getAsBoolean();
        ctx.status(up ? 200 : 503).contentType("application/json")
                .result(Json.write(Map.of("status", up ? "UP" : "DOWN")));
    }

    private void metrics(Context ctx) {
        ServiceMetrics.Scrape scrape = metrics.scrape(ctx.header("Accept"));
        ctx.contentType(scrape.contentType()).result(scrape.body());
    }

    /** The body, once its media type is one of {@code formats} and it is at most {@code maxBytes} long. */
    private static byte[] body(Context ctx, Set<BodyFormat> formats, String accepted, int maxBytes) {
        String contentType = ctx.contentType();
        if (BodyFormat.of(contentType).filter(formats::contains).isEmpty()) {
            throw new ProblemException(Problem.unsupportedMediaType((contentType == null
                    ? "the request has no Content-Type" : "Content-Type " + contentType + " is not accepted")
                    + "; this route accepts " + accepted));
        }
        String tooLarge = "the body must be at most " + maxBytes + " bytes";
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new ProblemException(Problem.tooLarge(tooLarge + ", Content-Length says " + ctx.req().getContentLengthLong()));
        }
        // Read one byte past the limit: bodies sent without Content-Length (chunked) are bounded too.
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ProblemException(Problem.tooLarge(tooLarge));
            }
            return bytes;
        } catch (IOException e) {
            throw new ProblemException(Problem.invalidInput("the request body could not be read: " + e.getMessage(), List.of()));
        }
    }

    private static void accepted(Context ctx, List<String> ids) {
        ctx.status(202).contentType("application/json").result(Json.write(new Accepted(ids.size(), ids)));
    }

    private static Problem javalinProblem(int status, Context ctx) {
        return switch (status) {
            case 404 -> Problem.notFound("no route " + ctx.method() + " " + ctx.path()
                    + "; see POST /api/articles, POST /api/comments, POST /api/comments/batch, GET /health, GET /metrics");
            case 413 -> Problem.tooLarge("the request body is too large");
            default -> Problem.of(status, HttpStatus.forStatus(status).getMessage(), "the request cannot be served");
        };
    }

    private static void answer(Context ctx, Problem problem) {
        HttpMetrics.rejected(ctx, problem);
        if (problem.status() >= 500) {
            LOG.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), problem.status(), problem.detail());
        } else {
            // The first few fields only: a bad batch can name thousands.
            LOG.info("{} {} -> {}: {} {}", ctx.method(), ctx.path(), problem.status(), problem.detail(),
                    problem.errors().stream().limit(5).toList());
        }
        ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE).result(Json.write(problem));
    }
}
