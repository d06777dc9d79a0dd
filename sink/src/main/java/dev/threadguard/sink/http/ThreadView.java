package dev.threadguard.sink.http;

import dev.threadguard.sink.store.StoredArticle;
import java.util.List;

/**
 * The body of {@code GET /api/threads/{articleId}}; {@code article} is null while only comments are
 * known; {@code view} is "public" or "moderator"; {@code commentCount} counts the comments it shows.
 */
public record ThreadView(StoredArticle article, String view, int commentCount, List<CommentNode> comments) {
    public ThreadView {
        comments = List.copyOf(comments);
    }
}
