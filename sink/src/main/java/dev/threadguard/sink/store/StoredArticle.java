package dev.threadguard.sink.store;

import java.time.Instant;
import java.util.List;

/** An article as stored; {@code updatedAt} is when the sink last saw it change. */
public record StoredArticle(
        String articleId,
        String title,
        String body,
        String url,
        List<String> tags,
        Instant publishedAt,
        Instant updatedAt) {

    public StoredArticle {
        tags = List.copyOf(tags);
    }
}
