package dev.threadguard.moderation;

/**
 * The cross-thread duplicate checks after the thread stage, each on its own repartition topic and stores.
 * Repeats inside one thread are the thread stage's business; these look only at other threads.
 */
enum DuplicateScope {
    /**
     * One author's recent comments in every thread: a repeat by the same author counts at any length
     * (key: the normalized author name).
     */
    AUTHOR("by-author", "author-duplicate-processor", "moderation-author-comments-v2", "moderation-author-index",
            "moderation-author-history-v2"),
    /**
     * The comments under every article id of one story (articles with the same URL, e.g. the same piece published
     * in two sections): a copy by anyone counts from the minimum copy length, as within one thread (key: the URL).
     */
    STORY("by-story", "story-duplicate-processor", "moderation-story-comments-v2", "moderation-story-index",
            "moderation-story-history-v2");

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

    /** The key of a judged comment in this scope, or null when it has none (anonymous; article without a URL). */
    String keyOf(JudgedComment judged) {
        return this == AUTHOR ? JudgedComment.authorKey(judged.comment()) : judged.story();
    }
}
