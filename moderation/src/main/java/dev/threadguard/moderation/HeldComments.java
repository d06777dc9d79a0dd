package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The comments of one task that wait for their article ({@link ModerationTopology#HELD_STORE}), bounded per article
 * and in total, and counted. The count is shared by the task's two thread-stage processors (article and comment),
 * which both hold and release, through {@link Counts}; it is taken from the store when a task starts (after its
 * state is restored), so it survives restarts and moves with the task.
 */
final class HeldComments {
    private static final Serializer<String> KEY_SERIALIZER = Serdes.String().serializer();

    /** Per task, the number of its held comments; one per topology, shared by the processors of a task. */
    static final class Counts {
        private final ConcurrentMap<TaskId, AtomicLong> byTask = new ConcurrentHashMap<>();

        /** The task's count, set to what its store holds now. */
        AtomicLong open(TaskId task, KeyValueStore<String, HeldComment> store) {
            long n = 0;
            try (KeyValueIterator<String, HeldComment> all = store.all()) {
                for (; all.hasNext(); all.next()) {
                    n++;
                }
            }
            AtomicLong count = byTask.computeIfAbsent(task, t -> new AtomicLong());
            count.set(n);
            return count;
        }

        void close(TaskId task) {
            byTask.remove(task);
        }
    }

    private final KeyValueStore<String, HeldComment> store;
    private final AtomicLong count;
    private final int maxPerArticle;
    private final int maxTotal;

    HeldComments(KeyValueStore<String, HeldComment> store, AtomicLong count, int maxPerArticle, int maxTotal) {
        this.store = store;
        this.count = count;
        this.maxPerArticle = maxPerArticle;
        this.maxTotal = maxTotal;
    }

    /** How many comments of the task wait. */
    long count() {
        return count.get();
    }

    /** The comments waiting for {@code articleId}, in the order they arrived. */
    List<KeyValue<String, HeldComment>> waitingFor(String articleId) {
        List<KeyValue<String, HeldComment>> out = new ArrayList<>();
        try (KeyValueIterator<String, HeldComment> it = store.prefixScan(ThreadKeys.prefix(articleId), KEY_SERIALIZER)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /**
     * Holds the comment after {@code waiting} (those already waiting for its article), or, when a bound is reached,
     * does not and says which: the caller judges it at once.
     */
    WithoutArticle hold(Comment comment, long timestamp, long wallClockMs, List<KeyValue<String, HeldComment>> waiting) {
        if (waiting.size() >= maxPerArticle) {
            return WithoutArticle.ARTICLE_BOUND;
        }
        if (count.get() >= maxTotal) {
            return WithoutArticle.TOTAL_BOUND;
        }
        long sequence = waiting.isEmpty() ? 0 : ThreadKeys.sequence(waiting.get(waiting.size() - 1).key) + 1;
        store.put(ThreadKeys.key(comment.articleId(), sequence), new HeldComment(comment, timestamp, wallClockMs));
        count.incrementAndGet();
        return null;
    }

    /** Takes a held comment out (its article arrived, or it is judged without it). */
    void remove(KeyValue<String, HeldComment> entry) {
        store.delete(entry.key);
        count.decrementAndGet();
    }

    /** The comments held since {@code cutoffMs} (wall clock) or earlier, by articleId, each in arrival order. */
    Map<String, List<KeyValue<String, HeldComment>>> heldSince(long cutoffMs) {
        Map<String, List<KeyValue<String, HeldComment>>> out = new LinkedHashMap<>();
        try (KeyValueIterator<String, HeldComment> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, HeldComment> entry = all.next();
                if (entry.value.heldAtMs() <= cutoffMs) {
                    out.computeIfAbsent(ThreadKeys.articleId(entry.key), k -> new ArrayList<>()).add(entry);
                }
            }
        }
        return out;
    }
}
