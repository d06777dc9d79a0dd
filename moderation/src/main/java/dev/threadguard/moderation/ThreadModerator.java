package dev.threadguard.moderation;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.InvalidEventException;
import dev.threadguard.contract.Violation;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import dev.threadguard.moderation.judge.CommentJudge;
import dev.threadguard.moderation.judge.SecondOpinion;
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
    private final ScopeIndex index;
    private final KeyValueStore<String, ThreadMeta> metas;
    private final int window;
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
    private final DecodedEntries decoded;
    private final long owner;
    /** Wall-clock time of the last WARN about a full hold: at most one a minute, the counter has them all. */
    private long lastOverflowWarningMs = Long.MIN_VALUE;

    ThreadModerator(ProcessorContext<String, JudgedComment> context, CommentJudge judge, ModerationConfig config,
                    HeldComments.Counts heldCounts, DecodedEntries decoded) {
        this.context = context;
        this.decoded = decoded;
        this.owner = decoded.newOwner();
        this.judge = judge;
        this.duplicates = judge.duplicates();
        this.index = new ScopeIndex(context.getStateStore(ModerationTopology.THREAD_INDEX_STORE));
        this.metas = context.getStateStore(ModerationTopology.THREAD_META_STORE);
        // The off-topic detector reads the last `window` comments other than the parent: one more covers it.
        this.window = config.detectors().offTopicThreadWindow() + 1;
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
                judge.offTopic().forgetArticle(record.key());
            }
            return;
        }
        String articleId = article.articleId();
        if (!articleId.equals(record.key())) {
            LOG.warn("article {} arrived with key '{}'; using the articleId of the value", articleId, record.key());
        }
        articles.put(articleId, article);
        judge.offTopic().noteArticle(article);
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
                LOG.debug("comment {} of article {} delivered again while it waits for its article; keeping the first",
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
            LOG.debug("comment {} arrived before article {}; holding it for up to {}", comment.commentId(),
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
        ThreadMeta meta = metas.get(articleId);
        if (meta == null) {
            index.clear(articleId); // left by an earlier life of the thread, if any
        } else {
            ensureIndexed(articleId, meta);
            ThreadEntry first = entryOf(articleId, comment.commentId(), meta);
            if (first != null) {
                repeated(comment, first, incoming);
                return;
            }
        }
        ThreadEntry parentEntry = meta == null ? null : entryOf(articleId, comment.parentId(), meta);
        Comment parent = parentEntry == null ? null : parentEntry.comment();
        List<Comment> earlier = new ArrayList<>(window);
        long next = meta == null ? 0 : meta.next();
        for (long s = Math.max(first(next), next - window); s < next; s++) {
            ThreadEntry e = entry(articleId, meta, s);
            if (e != null) {
                earlier.add(e.comment());
            }
        }
        long[] bands = duplicates.bandHashes(comment);
        List<DuplicateDetector.Prepared> candidates = new ArrayList<>();
        if (meta != null) {
            for (long s : index.candidates(articleId, duplicates.lookupHashes(comment))) {
                DecodedEntries.Kept e = s >= first(next) ? kept(articleId, meta, s) : null;
                // Within a long-lived thread too, a repeat of a comment older than the retention window is not
                // flagged. Measured on record time, as the retention sweep and the author stage measure
                // it: a backlog of old comments submitted today is recent, whatever its postedAt says.
                if (e != null && e.entry().timestamp() >= timestamp - retentionMs) {
                    candidates.add(e.candidate());
                }
            }
        }
        ThreadContext thread = new ThreadContext(article, parent, earlier, candidates);
        CommentJudge.FirstOpinion first = judging.time(() -> judge.firstOpinion(comment, thread,
                Instant.ofEpochMilli(timestamp)));
        Verdict verdict = why == null ? first.verdict() : withReason(first.verdict(), why.reason(articleId, config));
        SecondOpinion pending = first.pending();
        if (pending != null && !pending.carriable()) {
            // Too much text to carry through three repartition topics (a huge article or thread): judged at once.
            LOG.debug("comment {} of article {}: second opinion at once ({} characters of context)",
                    comment.commentId(), articleId, pending.chars());
            verdict = judge.secondOpinion(comment, first.verdict(), pending);
            pending = null;
        }
        if (why != null && metrics != null) {
            metrics.judgedWithoutArticle(why.label);
        }
        // The new comment takes the slot of the one that falls out of the bound: no delete, one put.
        ThreadEntry evicted = next >= threadHistory ? entry(articleId, meta, next - threadHistory) : null;
        if (evicted != null) {
            unindex(articleId, evicted);
        }
        ThreadEntry stored = new ThreadEntry(next, timestamp, comment);
        threads.put(ThreadKeys.key(articleId, slot(next)), stored);
        index.addBands(articleId, next, bands);
        index.addComment(articleId, comment.commentId(), next);
        ThreadMeta updated = meta == null ? new ThreadMeta(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 1, timestamp)
                : new ThreadMeta(meta.generation(), next + 1, Math.max(timestamp, meta.lastActivityMs()));
        decoded.put(owner, articleId, updated.generation(), stored);
        metas.put(articleId, updated);
        index.mark(articleId, updated.mark());
        if (verdict.flagged()) {
            LOG.debug("comment {} of article {} flagged {}", comment.commentId(), articleId, verdict.flags());
        } else {
            LOG.debug("comment {} of article {} not flagged", comment.commentId(), articleId);
        }
        context.forward(new Record<>(articleId, new JudgedComment(comment, verdict, pending),
                timestamp));
    }

    /** The oldest sequence number still in a history whose next one is {@code next}. */
    private long first(long next) {
        return Math.max(0, next - threadHistory);
    }

    private long slot(long sequence) {
        return sequence % threadHistory;
    }

    /**
     * The live entry with this sequence number, or null (never written, or its slot taken by a later one): decoded
     * once by this moderator ({@link DecodedEntries}), read from the store when not kept. Callers ask only for
     * sequences inside the history, {@code [next - threadHistory, next)} of {@code meta}.
     */
    private ThreadEntry entry(String articleId, ThreadMeta meta, long sequence) {
        DecodedEntries.Kept kept = kept(articleId, meta, sequence);
        return kept == null ? null : kept.entry();
    }

    /** {@link #entry}, as {@link DecodedEntries} keeps it (with its duplicate-candidate form). */
    private DecodedEntries.Kept kept(String articleId, ThreadMeta meta, long sequence) {
        DecodedEntries.Kept kept = decoded.get(owner, articleId, meta.generation(), sequence);
        if (kept != null) {
            return kept;
        }
        ThreadEntry e = threads.get(ThreadKeys.key(articleId, slot(sequence)));
        if (e == null || e.sequence() != sequence) {
            return null;
        }
        return decoded.put(owner, articleId, meta.generation(), e);
    }

    /** The live entry of a comment id, by the index, confirmed against the logged entry; null when none. */
    private ThreadEntry entryOf(String articleId, String commentId, ThreadMeta meta) {
        Long s = index.comment(articleId, commentId);
        if (s == null || s < first(meta.next()) || s >= meta.next()) {
            return null;
        }
        ThreadEntry e = entry(articleId, meta, s);
        return e != null && e.comment().commentId().equals(commentId) ? e : null;
    }

    /**
     * Re-indexes the thread from its logged entries when the unlogged index does not match them (the task was
     * restored here, or this instance's copy of the index is older than the changelog): at most
     * {@code threadHistory} entries, once per thread and restore.
     */
    private void ensureIndexed(String articleId, ThreadMeta meta) {
        if (index.current(articleId, meta.mark())) {
            return;
        }
        index.clear(articleId);
        int n = 0;
        for (KeyValue<String, ThreadEntry> kv : scan(threads, articleId)) {
            ThreadEntry e = kv.value;
            if (e.sequence() >= first(meta.next()) && e.sequence() < meta.next()
                    && ThreadKeys.sequence(kv.key) == slot(e.sequence())) {
                index.addBands(articleId, e.sequence(), duplicates.bandHashes(e.comment()));
                index.addComment(articleId, e.comment().commentId(), e.sequence());
                n++;
            }
        }
        index.mark(articleId, meta.mark());
        LOG.debug("re-indexed thread {} from its {} logged comment(s)", articleId, n);
    }

    private void unindex(String articleId, ThreadEntry entry) {
        index.removeBands(articleId, entry.sequence(), duplicates.bandHashes(entry.comment()));
        index.removeComment(articleId, entry.comment().commentId());
    }

    /**
     * Stream-time punctuation: a thread without a new comment for the retention window forgets its history (and
     * its index); a comment arriving later starts afresh, as a repeat after the window would not be flagged.
     */
    void expireThreads(long streamTimeMs) {
        long cutoff = streamTimeMs - retentionMs;
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, ThreadMeta> all = metas.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.lastActivityMs() < cutoff) {
                    quiet.add(kv.key);
                }
            });
        }
        for (String articleId : quiet) {
            List<KeyValue<String, ThreadEntry>> history = scan(threads, articleId);
            for (KeyValue<String, ThreadEntry> entry : history) {
                threads.delete(entry.key);
            }
            index.clear(articleId);
            metas.delete(articleId);
            LOG.debug("thread of article {} quiet for longer than {} ms: forgot its {} comment(s)", articleId,
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
