package dev.threadguard.contract;

import java.time.Instant;
import java.util.List;

/** An article: the thread that comments belong to. Keyed by {@code articleId} on Kafka. */
public record Article(
        String articleId,
        String title,
        String body,
        String url,
        Instant publishedAt,
        List<String> tags) implements Event {

    public Article {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
