package dev.threadguard.moderation;

/**
 * Where one author's (or story's) recent comments are ({@link DuplicateScope#historyStore}): sequence numbers
 * {@code [first, next)}, stored in {@link DuplicateScope#commentsStore} under their slot (sequence modulo the
 * bound), and the time of the oldest, so that the retention sweep only touches keys with something to drop.
 *
 * @param generation drawn at random when the key's history starts ({@link ThreadMeta#generation})
 */
public record ScopeHistory(long generation, long first, long next, long oldestMs) {
    int size() {
        return (int) (next - first);
    }

    long mark() {
        return ScopeIndex.mark(generation, next);
    }
}
