package dev.threadguard.moderation;

/**
 * Where one author's (or story's) recent comments are ({@link DuplicateScope#historyStore}): sequence numbers
 * {@code [first, next)} in {@link DuplicateScope#commentsStore}, and the time of the oldest, so that the retention
 * sweep only touches keys with something to drop.
 */
public record ScopeHistory(long first, long next, long oldestMs) {
    int size() {
        return (int) (next - first);
    }
}
