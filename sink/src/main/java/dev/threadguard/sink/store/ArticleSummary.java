package dev.threadguard.sink.store;

/** An article with how many of its comments are stored and how many wait in the queue. */
public record ArticleSummary(String articleId, String title, long comments, long queued) {
}
