package dev.threadguard.sink.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A comment waiting in the review queue, with the title of its article (null while the article is
 * unknown), the comment it answers and, for a duplicate, the original (each null when not stored).
 * {@code queueFlags} are the flags that put it in the queue; {@code flags} all the verdict raised; {@code awaiting}
 * the flags its verdict judges provisionally (a revised verdict is still to come), empty when the verdict is final.
 */
public record ReviewItem(
        String commentId,
        String articleId,
        String articleTitle,
        String parentId,
        String author,
        String title,
        String body,
        Instant postedAt,
        String status,
        List<String> flags,
        List<String> queueFlags,
        List<String> teams,
        String duplicateOf,
        Map<String, Double> scores,
        List<String> reasons,
        String detectorVersion,
        Instant judgedAt,
        List<String> awaiting,
        CommentRef parent,
        CommentRef original) {

    public ReviewItem {
        flags = List.copyOf(flags);
        queueFlags = List.copyOf(queueFlags);
        teams = List.copyOf(teams);
        scores = Map.copyOf(scores);
        reasons = List.copyOf(reasons);
        awaiting = List.copyOf(awaiting);
    }

    static ReviewItem of(StoredComment c, String articleTitle, CommentRef parent, CommentRef original) {
        return new ReviewItem(c.commentId(), c.articleId(), articleTitle, c.parentId(), c.author(), c.title(),
                c.body(), c.postedAt(), c.status(), c.flags(), c.queueFlags(), c.teams(), c.duplicateOf(), c.scores(),
                c.reasons(), c.detectorVersion(), c.judgedAt(), c.awaiting(), parent, original);
    }

    public ReviewCursor position() {
        return new ReviewCursor(postedAt, commentId);
    }
}
