package dev.threadguard.sink.http;

import dev.threadguard.sink.store.StoredArticle;
import java.util.List;

/** The body of {@code GET /api/threads/{articleId}}; {@code article} is null while only comments are known. */
public record ThreadView(StoredArticle article, int commentCount, List<CommentNode> comments) {
    public ThreadView {
        comments = List.copyOf(comments);
    }
}
