package dev.threadguard.sink.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A flagged comment in the review queue, with the title of its article (null while the article is unknown). */
public record ReviewItem(
        String commentId,
        String articleId,
        String articleTitle,
        String parentId,
        String author,
        String title,
        String body,
        Instant postedAt,
        List<String> flags,
        String duplicateOf,
        Map<String, Double> scores,
        List<String> reasons,
        String detectorVersion,
        Instant judgedAt) {

    public ReviewItem {
        flags = List.copyOf(flags);
        scores = Map.copyOf(scores);
        reasons = List.copyOf(reasons);
    }

    static ReviewItem of(StoredComment c, String articleTitle) {
        return new ReviewItem(c.commentId(), c.articleId(), articleTitle, c.parentId(), c.author(), c.title(),
                c.body(), c.postedAt(), c.flags(), c.duplicateOf(), c.scores(), c.reasons(), c.detectorVersion(),
                c.judgedAt());
    }

    public ReviewCursor position() {
        return new ReviewCursor(postedAt, commentId);
    }
}
