package dev.threadguard.moderation;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.InvalidEventException;
import dev.threadguard.contract.Violation;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import dev.threadguard.moderation.judge.CommentJudge;
import dev.threadguard.moderation.judge.ThreadContext;
import dev.threadguard.moderation.metrics.ModerationMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of one task's threads, shared by the article and the comment processor of that task
 * (both see the same stores). A comment is judged once its article is known; until then it is held
 * ({@link HeldComments}), and it is judged without the article, with a reason saying so ({@link WithoutArticle}),
 * when it has waited too long, or at once when too many comments wait already (for its article, or in the task).
 * Every verdict is judged at the comment's record timestamp, so a replay gives the same verdicts.
 * Duplicate candidates come from an LSH band index over the thread ({@link BandIndex}), not from a pass over
 * the whole history. A thread's history is bounded twice: at most {@code threadHistory} comments, and forgotten
 * as a whole once the thread has been quiet for the retention window (stream-time punctuation, {@link
 * #expireThreads}). Verdicts leave as {@link JudgedComment}s for the cross-thread check by author.
 * Not thread-safe: a task is processed by one stream thread.
 */
final class ThreadModerator {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadModerator.class);
    private static final Serializer<String> KEY_SERIALIZER = Serdes.String().serializer();

    private final ProcessorContext<String, JudgedComment> context;
    private final CommentJudge judge;
    private final DuplicateDetector duplicates;
    private final BandIndex threadBands;
    private final KeyValueStore<String, Long> activity;
    private final long retentionMs;
    private final KeyValueStore<String, Article> articles;
    private final KeyValueStore<String, ThreadEntry> threads;
    private final HeldComments held;
    private final HeldComments.Counts heldCounts;
    private final ModerationConfig config;
    private final Duration holdTimeout;
    private final int threadHistory;
    private final ModerationMetrics.DetectorTimer judging;
    private final ModerationMetrics metrics;
    /** Wall-clock time of the last WARN about a full hold: at most one a minute, the counter has them all. */
    private long lastOverflowWarningMs = Long.MIN_VALUE;

    ThreadModerator(ProcessorContext<String, JudgedComment> context, CommentJudge judge, ModerationConfig config,
                    HeldComments.Counts heldCounts) {
        this.context = context;
        this.judge = judge;
        this.duplicates = judge.duplicates();
        this.threadBands = new BandIndex(context.getStateStore(ModerationTopology.THREAD_BANDS_STORE));
        this.activity = context.getStateStore(ModerationTopology.THREAD_ACTIVITY_STORE);
        this.retentionMs = config.retention().toMillis();
        this.articles = context.getStateStore(ModerationTopology.ARTICLES_STORE);
        this.threads = context.getStateStore(ModerationTopology.THREADS_STORE);
        KeyValueStore<String, HeldComment> heldStore = context.getStateStore(ModerationTopology.HELD_STORE);
        AtomicLong heldCount = heldCounts.open(context.taskId(), heldStore);
        this.held = new HeldComments(heldStore, heldCount, config.maxHeldPerArticle(), config.maxHeldTotal());
        this.heldCounts = heldCounts;
        this.config = config;
        this.holdTimeout = config.holdTimeout();
        this.threadHistory = config.threadHistory();
        // Every detector at once: timing each one separately needs a hook inside CommentJudge.
        this.judging = ModerationMetrics.detectorTimer(context.appConfigs(), ModerationMetrics.ALL_DETECTORS);
        this.metrics = ModerationMetrics.from(context.appConfigs());
        if (metrics != null) {
            metrics.heldComments(context.taskId(), heldCount);
        }
    }

    /** The task is closed on this instance: its held comments are no longer counted here. */
    void close() {
        heldCounts.close(context.taskId());
        if (metrics != null) {
            metrics.heldCommentsGone(context.taskId());
        }
    }

    /** A new article or a new version of it; a tombstone (null value) forgets it. */
    void onArticle(Record<String, Article> record) {
        Article article = record.value();
        if (article == null) {
            if (record.key() != null) {
                LOG.info("article {} deleted (tombstone); its later comments wait for a new version", record.key());
                articles.delete(record.key());
            }
            return;
        }
        String articleId = article.articleId();
        if (!articleId.equals(record.key())) {
            LOG.warn("article {} arrived with key '{}'; using the articleId of the value", articleId, record.key());
        }
        articles.put(articleId, article);
        List<KeyValue<String, HeldComment>> waiting = held.waitingFor(articleId);
        if (!waiting.isEmpty()) {
            LOG.info("article {} arrived; judging the {} comment(s) that waited for it", articleId, waiting.size());
            for (KeyValue<String, HeldComment> entry : waiting) {
                release(entry, article, null);
            }
        }
    }

    /**
     * The key a comment is repartitioned by: the articleId it carries. A tombstone has none and is thrown
     * out here, at the source, so the processing exception handler puts it on the dead-letter topic (as an
     * invalid event) with the topic and offset the producer wrote it at.
     */
    static String articleKey(String key, Comment comment) {
        if (comment == null) {
            throw new InvalidEventException(List.of(new Violation("$",
                    "a record on comments.submitted needs a comment, got a tombstone (key " + key + ")")));
        }
        return comment.articleId();
    }

    void onComment(Record<String, Comment> record) {
        Comment incoming = record.value();
        String articleId = incoming.articleId();
        Comment comment = incoming.postedAt() != null ? incoming
                : incoming.withPostedAt(Instant.ofEpochMilli(record.timestamp()));
        List<KeyValue<String, HeldComment>> waiting = held.waitingFor(articleId);
        for (KeyValue<String, HeldComment> w : waiting) {
            if (w.value.comment().commentId().equals(comment.commentId())) {
                if (!sameSubmission(comment, w.value.comment())) {
                    throw new ConflictingResendException(comment);
                }
                LOG.info("comment {} of article {} delivered again while it waits for its article; keeping the first",
                        comment.commentId(), articleId);
                return;
            }
        }
        Article article = articles.get(articleId);
        if (article == null) {
            hold(comment, record.timestamp(), waiting);
            return;
        }
        // Normally empty: held comments leave when their article arrives. Kept in order if one stayed behind.
        for (KeyValue<String, HeldComment> entry : waiting) {
            release(entry, article, null);
        }
        judgeAndEmit(comment, article, record.timestamp(), null, true);
    }

    /** Wall-clock punctuation: comments that waited longer than the hold timeout are judged without their article. */
    void releaseExpired(long wallClockMs) {
        held.heldSince(wallClockMs - holdTimeout.toMillis()).forEach((articleId, entries) -> {
            // The article may have come in the meantime through the other processor; then it is used after all.
            Article article = articles.get(articleId);
            if (article == null) {
                LOG.warn("{} comment(s) waited {} for article {}, which has not arrived; judging them without it",
                        entries.size(), holdTimeout, articleId);
            }
            for (KeyValue<String, HeldComment> entry : entries) {
                release(entry, article, article == null ? WithoutArticle.TIMEOUT : null);
            }
        });
    }

    private void hold(Comment comment, long timestamp, List<KeyValue<String, HeldComment>> waiting) {
        long now = context.currentSystemTimeMs();
        WithoutArticle full = held.hold(comment, timestamp, now, waiting);
        if (full == null) {
            LOG.info("comment {} arrived before article {}; holding it for up to {}", comment.commentId(),
                    comment.articleId(), holdTimeout);
            return;
        }
        String reason = full.reason(comment.articleId(), config);
        if (now - lastOverflowWarningMs >= 60_000 || lastOverflowWarningMs == Long.MIN_VALUE) {
            lastOverflowWarningMs = now;
            LOG.warn("comment {} {}; judging it at once (further ones for a minute at DEBUG, all counted in "
                    + "threadguard_moderation_judged_without_article_total)", comment.commentId(), reason);
        } else {
            LOG.debug("comment {} {}", comment.commentId(), reason);
        }
        judgeAndEmit(comment, null, timestamp, full, true);
    }

    private void release(KeyValue<String, HeldComment> entry, Article article, WithoutArticle why) {
        held.remove(entry);
        judgeAndEmit(entry.value.comment(), article, entry.value.timestamp(), why, false);
    }

    /**
     * @param why      why there is no article, or null when there is one
     * @param incoming the comment is the record being processed (not one released from the hold)
     */
    private void judgeAndEmit(Comment comment, Article article, long timestamp, WithoutArticle why, boolean incoming) {
        String articleId = comment.articleId();
        List<KeyValue<String, ThreadEntry>> history = scan(threads, articleId);
        List<Comment> earlier = new ArrayList<>(history.size());
        Comment parent = null;
        for (KeyValue<String, ThreadEntry> entry : history) {
            Comment previous = entry.value.comment();
            if (previous.commentId().equals(comment.commentId())) {
                repeated(comment, entry.value, incoming);
                return;
            }
            if (previous.commentId().equals(comment.parentId())) {
                parent = previous;
            }
            earlier.add(previous);
        }
        long[] bands = duplicates.bandHashes(comment);
        Set<Long> hits = threadBands.candidates(articleId, duplicates.lookupHashes(comment));
        List<Comment> candidates = new ArrayList<>(hits.size());
        for (KeyValue<String, ThreadEntry> entry : history) {
            Comment earlierComment = entry.value.comment();
            // Within a long-lived thread too, a repeat of a comment older than the retention window is not flagged.
            // Measured on record time, as the retention sweep and the author and story stages measure it: a
            // backlog of old comments submitted today is recent, whatever its postedAt says.
            boolean recent = entry.value.verdict().judgedAt().toEpochMilli() >= timestamp - retentionMs;
            if (recent && hits.contains(ThreadKeys.sequence(entry.key))) {
                candidates.add(earlierComment);
            }
        }
        ThreadContext thread = new ThreadContext(article, parent, earlier, candidates);
        Verdict judged = judging.time(() -> judge.judge(comment, thread, Instant.ofEpochMilli(timestamp)));
        Verdict verdict = why == null ? judged : withReason(judged, why.reason(articleId, config));
        if (why != null && metrics != null) {
            metrics.judgedWithoutArticle(why.label);
        }
        long sequence = history.isEmpty() ? 0 : ThreadKeys.sequence(history.get(history.size() - 1).key) + 1;
        threads.put(ThreadKeys.key(articleId, sequence), new ThreadEntry(comment, verdict));
        threadBands.add(articleId, sequence, bands);
        for (int i = 0; i < history.size() + 1 - threadHistory; i++) {
            forget(articleId, history.get(i));
        }
        activity.put(articleId, Math.max(timestamp, lastActivity(articleId)));
        if (verdict.flagged()) {
            LOG.info("comment {} of article {} flagged {}", comment.commentId(), articleId, verdict.flags());
        } else {
            LOG.debug("comment {} of article {} not flagged", comment.commentId(), articleId);
        }
        context.forward(new Record<>(articleId, new JudgedComment(comment, verdict, JudgedComment.storyKey(article)),
                timestamp));
    }

    private long lastActivity(String articleId) {
        Long last = activity.get(articleId);
        return last == null ? Long.MIN_VALUE : last;
    }

    private void forget(String articleId, KeyValue<String, ThreadEntry> entry) {
        threadBands.remove(articleId, ThreadKeys.sequence(entry.key), duplicates.bandHashes(entry.value.comment()));
        threads.delete(entry.key);
    }

    /**
     * Stream-time punctuation: a thread without a new comment for the retention window forgets its history (and
     * its band index); a comment arriving later starts afresh, as a repeat after the window would not be flagged.
     */
    void expireThreads(long streamTimeMs) {
        long cutoff = streamTimeMs - retentionMs;
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = activity.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value < cutoff) {
                    quiet.add(kv.key);
                }
            });
        }
        for (String articleId : quiet) {
            List<KeyValue<String, ThreadEntry>> history = scan(threads, articleId);
            for (KeyValue<String, ThreadEntry> entry : history) {
                forget(articleId, entry);
            }
            activity.delete(articleId);
            LOG.info("thread of article {} quiet for longer than {} ms: forgot its {} comment(s)", articleId,
                    retentionMs, history.size());
        }
    }

    /**
     * The same submission delivered twice (a producer or ingest retry): the stored verdict is emitted again,
     * unchanged, so downstream upserts stay idempotent and nothing is judged twice. The id again with other content
     * is refused: the record being processed goes to the dead-letter topic ({@link ConflictingResendException});
     * one released from the hold is not thrown for (its article's record is being processed), the first stays.
     */
    private void repeated(Comment comment, ThreadEntry first, boolean incoming) {
        if (incoming && !sameSubmission(comment, first.comment())) {
            throw new ConflictingResendException(comment);
        }
        // Its verdict was produced in the same exactly-once transaction that stored the thread entry, so
        // comments.moderated already holds it: one verdict per comment, however often a client resends it.
        if (!sameSubmission(comment, first.comment())) {
            LOG.warn("comment {} of article {} arrived again with different content; its first verdict stands",
                    comment.commentId(), comment.articleId());
        } else {
            LOG.debug("comment {} of article {} delivered again; its verdict stands", comment.commentId(),
                    comment.articleId());
        }
    }

    private static Verdict withReason(Verdict v, String reason) {
        List<String> reasons = new ArrayList<>(v.reasons());
        reasons.add(reason);
        return new Verdict(v.commentId(), v.articleId(), v.flags(), v.duplicateOf(), v.scores(), reasons,
                v.detectorVersion(), v.judgedAt());
    }

    private static boolean sameSubmission(Comment a, Comment b) {
        return Objects.equals(a.body(), b.body()) && Objects.equals(a.title(), b.title())
                && Objects.equals(a.author(), b.author()) && Objects.equals(a.parentId(), b.parentId());
    }

    private static <V> List<KeyValue<String, V>> scan(KeyValueStore<String, V> store, String articleId) {
        List<KeyValue<String, V>> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(ThreadKeys.prefix(articleId), KEY_SERIALIZER)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
