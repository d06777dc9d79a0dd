package dev.threadguard.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An article: the thread that comments belong to. Keyed by {@code articleId} on Kafka. {@code site}: as in
 * {@link Comment}, the site whose key published it through the ingest API, else null.
 */
public record Article(
        String articleId,
        String title,
        String body,
        String url,
        Instant publishedAt,
        List<String> tags,
        @JsonInclude(JsonInclude.Include.NON_NULL) String site) implements Event {

    public Article {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An article not stamped with a site. */
    public Article(String articleId, String title, String body, String url, Instant publishedAt, List<String> tags) {
        this(articleId, title, body, url, publishedAt, tags, null);
    }

    public Article withSite(String siteName) {
        return new Article(articleId, title, body, url, publishedAt, tags, siteName);
    }
}
