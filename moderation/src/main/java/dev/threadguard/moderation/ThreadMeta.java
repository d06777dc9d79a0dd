package dev.threadguard.moderation;

/**
 * One thread's bookkeeping ({@link ModerationTopology#THREAD_META_STORE}), written once per comment.
 *
 * @param generation     a random number drawn when the thread's state starts, so that a thread forgotten and begun
 *                       again never looks like its earlier self to the unlogged index ({@link ScopeIndex#mark})
 * @param next           the sequence number of the thread's next comment; its history is {@code [next - bound, next)}
 * @param lastActivityMs record time of its latest comment, for the retention sweep
 */
public record ThreadMeta(long generation, long next, long lastActivityMs) {
    long mark() {
        return ScopeIndex.mark(generation, next);
    }
}
