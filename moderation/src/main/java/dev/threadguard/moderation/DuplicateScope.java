package dev.threadguard.moderation;

/**
 * The keyed cross-thread duplicate checks after the thread stage, each on its own repartition topic and stores,
 * with the whole texts of a bounded number of recent comments per key. Repeats inside one thread are the thread
 * stage's business; these look only at other threads. Copies by anyone are the global copy search's
 * ({@link GlobalCopyProcessor}), which keeps signatures instead of texts and replaced the story scope (articles
 * sharing a URL): a copy under another id of one story is a copy in another thread like any other.
 */
enum DuplicateScope {
    /**
     * One author's recent comments in every thread: a repeat by the same author counts at any length
     * (key: the normalized author name).
     */
    AUTHOR("by-author", "author-duplicate-processor", "moderation-author-comments-v2", "moderation-author-index",
            "moderation-author-history-v2");

    /** Name of the repartition step; Streams names the topic {@code <applicationId>-<repartition>-repartition}. */
    final String repartition;
    final String processor;
    /** scope NUL slot → RecentComment (slot = sequence modulo the bound). */
    final String commentsStore;
    /** The {@link ScopeIndex} (LSH bands), without a changelog. */
    final String indexStore;
    /** scope → ScopeHistory. */
    final String historyStore;

    DuplicateScope(String repartition, String processor, String commentsStore, String indexStore, String historyStore) {
        this.repartition = repartition;
        this.processor = processor;
        this.commentsStore = commentsStore;
        this.indexStore = indexStore;
        this.historyStore = historyStore;
    }

    String[] stores() {
        return new String[] {commentsStore, indexStore, historyStore};
    }

    /** The key of a judged comment in this scope, or null when it has none (anonymous). */
    String keyOf(JudgedComment judged) {
        return JudgedComment.authorKey(judged.comment());
    }
}
