package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import dev.threadguard.moderation.duplicate.DuplicateFinding;
import dev.threadguard.moderation.judge.CommentJudge;
import dev.threadguard.moderation.metrics.ModerationMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cross-thread duplicate check ({@link DuplicateScope}), after the repartition by its key: each task owns a set
 * of keys (authors) and keeps, per key, the recent comments (a bounded number, none older than the
 * retention window) with an LSH band index over them. A comment that repeats, or nearly repeats, one of them from
 * another thread gets DUPLICATE added to its verdict; then it goes on keyed by articleId again. Repeats inside one
 * thread are the thread stage's business and are not looked at here.
 *
 * <p>Retention runs on event time: a lookup ignores entries older than the record's time minus the window, and a
 * stream-time punctuation drops them from the stores (oldest first per author), so an author who stops posting
 * does not keep state forever. Not thread-safe: a task is processed by one stream thread.
 */
final class ScopeDuplicateProcessor implements Processor<String, JudgedComment, String, JudgedComment> {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeDuplicateProcessor.class);
    private static final char SEPARATOR = '\u0000';
    private static final Serializer<String> KEY_SERIALIZER = Serdes.String().serializer();

    private final DuplicateScope scope;
    private final CommentJudge judge;
    private final DuplicateDetector duplicates;
    private final long retentionMs;
    private final int maxPerKey;
    private ProcessorContext<String, JudgedComment> context;
    private KeyValueStore<String, RecentComment> entries;
    private KeyValueStore<String, ScopeHistory> histories;
    private ScopeIndex index;
    private ModerationMetrics.DetectorTimer checking;

    ScopeDuplicateProcessor(DuplicateScope scope, CommentJudge judge, ModerationConfig config) {
        this.scope = scope;
        this.judge = judge;
        this.duplicates = judge.duplicates();
        this.retentionMs = config.retention().toMillis();
        this.maxPerKey = scope == DuplicateScope.AUTHOR ? config.authorHistory() : config.threadHistory();
    }

    @Override
    public void init(ProcessorContext<String, JudgedComment> context) {
        this.context = context;
        this.entries = context.getStateStore(scope.commentsStore);
        this.histories = context.getStateStore(scope.historyStore);
        this.index = new ScopeIndex(context.getStateStore(scope.indexStore));
        this.checking = ModerationMetrics.detectorTimer(context.appConfigs(),
                "duplicate_by_" + scope.name().toLowerCase(Locale.ROOT));
        context.schedule(ModerationTopology.sweepInterval(Duration.ofMillis(retentionMs)), PunctuationType.STREAM_TIME,
                this::expire);
    }

    @Override
    public void process(Record<String, JudgedComment> record) {
        String author = record.key();
        Comment comment = record.value().comment();
        Verdict verdict = record.value().verdict();
        long cutoff = record.timestamp() - retentionMs;
        ScopeHistory history = histories.get(author);
        if (history == null) {
            index.clear(author); // left by an earlier life of this key, if any
        } else {
            ensureIndexed(author, history);
        }
        long[] bands = duplicates.bandHashes(comment);
        List<Comment> candidates = new ArrayList<>();
        for (long sequence : history == null ? List.<Long>of() : index.candidates(author, duplicates.lookupHashes(comment))) {
            RecentComment entry = entry(author, sequence, history);
            if (entry == null) {
                continue;
            }
            if (entry.commentId().equals(comment.commentId())) {
                // The same comment again: the thread stage no longer knew it (its history bound or retention had
                // dropped it) and judged it anew; this scope still does, so its cross-thread finding stands.
                LOG.debug("comment {} of article {} delivered again; its cross-thread check stands", comment.commentId(),
                        comment.articleId());
                emit(record.value(), judge.withDuplicate(verdict, entry.finding()), record.timestamp());
                return;
            }
            if (entry.postedAtMs() >= cutoff && !entry.articleId().equals(comment.articleId())) {
                candidates.add(entry.toComment(scope == DuplicateScope.AUTHOR ? comment.author() : entry.author()));
            }
        }
        DuplicateFinding found = candidates.isEmpty() ? DuplicateFinding.NONE
                : checking.time(() -> duplicates.detect(comment, candidates));
        DuplicateFinding kept = found.flagged() ? found : DuplicateFinding.NONE;
        remember(author, history, comment, record.timestamp(), kept, bands);
        Verdict checked = judge.withDuplicate(verdict, kept);
        if (checked != verdict) {
            LOG.debug("comment {} of article {} repeats {} from another thread (same {}): {}", comment.commentId(),
                    comment.articleId(), kept.duplicateOf(), scope.name().toLowerCase(Locale.ROOT), kept.reason());
        }
        emit(record.value(), checked, record.timestamp());
    }

    private void emit(JudgedComment judged, Verdict verdict, long timestamp) {
        Comment comment = judged.comment();
        context.forward(new Record<>(comment.articleId(), judged.withVerdict(verdict),
                timestamp));
    }

    /**
     * Stores the comment in the slot of its sequence number; the one it pushes out of the bound had that slot, so
     * in the steady state this is one put and no tombstone.
     */
    private void remember(String author, ScopeHistory history, Comment comment, long timestamp,
                          DuplicateFinding finding, long[] bands) {
        long sequence = history == null ? 0 : history.next();
        long generation = history == null ? ThreadLocalRandom.current().nextLong() : history.generation();
        long first = history == null ? 0 : history.first();
        long oldestMs = history == null ? timestamp : history.oldestMs();
        boolean evicted = false;
        while (sequence - first >= maxPerKey) {
            RecentComment old = entry(author, first, history);
            if (old != null) {
                index.removeBands(author, first, duplicates.bandHashes(old.toComment(author)));
                if (slot(first) != slot(sequence)) {
                    entries.delete(key(author, first));
                }
            }
            first++;
            evicted = true;
        }
        if (evicted) {
            RecentComment next = first < sequence ? entry(author, first, history) : null;
            oldestMs = next == null ? timestamp : next.postedAtMs();
        }
        entries.put(key(author, sequence), RecentComment.of(sequence, comment, timestamp, finding));
        index.addBands(author, sequence, bands);
        ScopeHistory updated = new ScopeHistory(generation, first, sequence + 1, oldestMs);
        histories.put(author, updated);
        index.mark(author, updated.mark());
    }

    /** The live entry with this sequence number, or null. */
    private RecentComment entry(String author, long sequence, ScopeHistory history) {
        if (history == null || sequence < history.first() || sequence >= history.next()) {
            return null;
        }
        RecentComment e = entries.get(key(author, sequence));
        return e != null && e.sequence() == sequence ? e : null;
    }

    /** Re-indexes one key's at most {@code maxPerKey} entries when the unlogged index does not match them. */
    private void ensureIndexed(String author, ScopeHistory history) {
        if (index.current(author, history.mark())) {
            return;
        }
        index.clear(author);
        List<KeyValue<String, RecentComment>> all = new ArrayList<>();
        try (KeyValueIterator<String, RecentComment> it = entries.prefixScan(author + SEPARATOR, KEY_SERIALIZER)) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, RecentComment> kv : all) {
            RecentComment e = kv.value;
            if (e.sequence() >= history.first() && e.sequence() < history.next()
                    && kv.key.equals(key(author, e.sequence()))) {
                index.addBands(author, e.sequence(), duplicates.bandHashes(e.toComment(author)));
            }
        }
        index.mark(author, history.mark());
        LOG.debug("re-indexed {} {} from its logged comments", scope.name().toLowerCase(Locale.ROOT), author);
    }

    /** Stream-time punctuation: forgets every author's entries that fell out of the retention window. */
    void expire(long streamTimeMs) {
        long cutoff = streamTimeMs - retentionMs;
        List<KeyValue<String, ScopeHistory>> due = new ArrayList<>();
        try (KeyValueIterator<String, ScopeHistory> all = histories.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.oldestMs() < cutoff) {
                    due.add(kv);
                }
            });
        }
        int dropped = 0;
        for (KeyValue<String, ScopeHistory> kv : due) {
            ScopeHistory history = kv.value;
            ensureIndexed(kv.key, history);
            while (history.size() > 0 && history.oldestMs() < cutoff) {
                history = dropOldest(kv.key, history);
                dropped++;
            }
            if (history.size() == 0) {
                histories.delete(kv.key);
                index.clear(kv.key);
            } else {
                histories.put(kv.key, history);
            }
        }
        if (dropped > 0) {
            LOG.debug("dropped {} author entries older than {} ms before stream time {}", dropped, retentionMs,
                    streamTimeMs);
        }
    }

    /** Removes the author's oldest entry; the result names the time of the next one. */
    private ScopeHistory dropOldest(String author, ScopeHistory history) {
        RecentComment oldest = entry(author, history.first(), history);
        if (oldest != null) {
            index.removeBands(author, history.first(), duplicates.bandHashes(oldest.toComment(author)));
            entries.delete(key(author, history.first()));
        }
        ScopeHistory rest = new ScopeHistory(history.generation(), history.first() + 1, history.next(),
                Long.MAX_VALUE);
        RecentComment next = rest.size() > 0 ? entry(author, rest.first(), rest) : null;
        return new ScopeHistory(history.generation(), rest.first(), rest.next(),
                next == null ? Long.MAX_VALUE : next.postedAtMs());
    }

    private long slot(long sequence) {
        return sequence % maxPerKey;
    }

    private String key(String author, long sequence) {
        return author + SEPARATOR + ThreadKeys.decimal10(slot(sequence));
    }
}
