package dev.threadguard.moderation;

import dev.threadguard.moderation.duplicate.DuplicateDetector;
import dev.threadguard.moderation.text.BoundedCache;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread entries kept decoded, in front of {@link ModerationTopology#THREADS_STORE}: every new comment reads the
 * last {@code OFF_TOPIC_THREAD_WINDOW} entries of its thread and its copy candidates, so without this each earlier
 * comment was read from RocksDB and decoded again for every later one, as new strings. New strings also made every
 * analysis-cache hit compare whole texts ({@code CommentKey.equals}: about a tenth of the stream thread, JFR); an
 * entry kept here holds the very {@code Comment} the analyses were cached under, so those hits compare references.
 *
 * <p>An entry is keyed by its thread's generation and its sequence number, which the thread never gives to another
 * comment ({@link ThreadMeta}), and by its owner, one {@link ThreadModerator}: a moderator lives as long as its
 * processor, and Streams initialises a new one after any abort (a task closed dirty is revived through {@code
 * init}), so an entry written in a transaction that was rolled back is never read by the moderator that replays it.
 * One bound for the process ({@code DETECTOR_TEXT_CACHE_SIZE} entries, the analyses' own bound: the comments
 * whose analyses are cached), shared by all tasks; entries of a closed moderator are never asked for again and
 * age out. Thread-safe (stream threads share it); a miss costs only the store read it replaces.
 */
final class DecodedEntries {
    private final AtomicLong owners = new AtomicLong();
    private final BoundedCache<Key, Kept> entries;

    /**
     * A decoded entry, and its comment as a duplicate candidate: the duplicate check's analysis of it is kept there
     * once found, so later comments of the thread compare with it without looking the analysis up again.
     */
    record Kept(ThreadEntry entry, DuplicateDetector.Prepared candidate) {
    }

    /** @param capacity entries kept at most, over all owners */
    DecodedEntries(int capacity) {
        this.entries = new BoundedCache<>(capacity);
    }

    /** A new owner's number: its entries are its own. */
    long newOwner() {
        return owners.incrementAndGet();
    }

    /** The entry, or null when not kept. */
    Kept get(long owner, String articleId, long generation, long sequence) {
        return entries.getIfPresent(new Key(owner, articleId, generation, sequence));
    }

    /** Keeps the entry (its analysis not found yet); returns what is kept. */
    Kept put(long owner, String articleId, long generation, ThreadEntry entry) {
        Kept kept = new Kept(entry, DuplicateDetector.Prepared.of(entry.comment()));
        entries.put(new Key(owner, articleId, generation, entry.sequence()), kept);
        return kept;
    }

    /** Entries kept now. */
    int size() {
        return entries.size();
    }

    /** A plain class with its hash computed once: a record's generated hashCode goes through method handles. */
    private static final class Key {
        private final long owner;
        private final String articleId;
        private final long generation;
        private final long sequence;
        private final int hash;

        Key(long owner, String articleId, long generation, long sequence) {
            this.owner = owner;
            this.articleId = articleId;
            this.generation = generation;
            this.sequence = sequence;
            this.hash = Long.hashCode(31 * (31 * (31 * owner + articleId.hashCode()) + generation) + sequence);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && sequence == k.sequence && generation == k.generation
                    && owner == k.owner && articleId.equals(k.articleId);
        }
    }
}
