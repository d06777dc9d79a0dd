package dev.threadguard.sink.store;

import java.time.Instant;

/** Another comment shown next to a queue item: the one it answers, or the one it duplicates. */
public record CommentRef(String commentId, String author, String title, String body, Instant postedAt, String status) {
}
