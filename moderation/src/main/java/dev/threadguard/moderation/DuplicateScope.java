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
    AUTHOR("by-author", "author-duplicate-processor", "moderation-author-comments", "moderation-author-bands",
            "moderation-author-history"),
    /**
     * The comments under every article id of one story (articles with the same URL, e.g. the same piece published
     * in two sections): a copy by anyone counts from the minimum copy length, as within one thread (key: the URL).
     */
    STORY("by-story", "story-duplicate-processor", "moderation-story-comments", "moderation-story-bands",
            "moderation-story-history");

    /** Name of the repartition step; Streams names the topic {@code <applicationId>-<repartition>-repartition}. */
    final String repartition;
    final String processor;
    /** scope NUL sequence → RecentComment. */
    final String commentsStore;
    /** scope NUL band-hash NUL sequence → sequence: the LSH band index. */
    final String bandsStore;
    /** scope → ScopeHistory. */
    final String historyStore;

    DuplicateScope(String repartition, String processor, String commentsStore, String bandsStore, String historyStore) {
        this.repartition = repartition;
        this.processor = processor;
        this.commentsStore = commentsStore;
        this.bandsStore = bandsStore;
        this.historyStore = historyStore;
    }

    String[] stores() {
        return new String[] {commentsStore, bandsStore, historyStore};
    }

    /** The key of a judged comment in this scope, or null when it has none (anonymous; article without a URL). */
    String keyOf(JudgedComment judged) {
        return this == AUTHOR ? JudgedComment.authorKey(judged.comment()) : judged.story();
    }
}
