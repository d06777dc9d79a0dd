package dev.threadguard.sink.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A comment with its latest verdict and where it stands, as stored. Flags are the names of
 * {@link dev.threadguard.contract.Flag}; {@code status} the name of a
 * {@link dev.threadguard.sink.policy.CommentStatus}; {@code awaiting} the flags the verdict judges provisionally
 * (a revised verdict is still to come), empty when it is final.
 */
public record StoredComment(
        String commentId,
        String articleId,
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
        Instant judgedAt,
        List<String> awaiting,
        String status,
        List<String> queueFlags,
        List<String> teams,
        List<String> dismissedFlags,
        String decisionReason) {

    public StoredComment {
        flags = List.copyOf(flags);
        scores = Map.copyOf(scores);
        reasons = List.copyOf(reasons);
        awaiting = List.copyOf(awaiting);
        queueFlags = List.copyOf(queueFlags);
        teams = List.copyOf(teams);
        dismissedFlags = List.copyOf(dismissedFlags);
    }

    /** A published comment nobody has looked at yet, its verdict final (tests of the thread tree). */
    public StoredComment(String commentId, String articleId, String parentId, String author, String title, String body,
            Instant postedAt, List<String> flags, String duplicateOf, Map<String, Double> scores, List<String> reasons,
            String detectorVersion, Instant judgedAt) {
        this(commentId, articleId, parentId, author, title, body, postedAt, flags, duplicateOf, scores, reasons,
                detectorVersion, judgedAt, List.of(), "PUBLISHED", List.of(), List.of(), List.of(), null);
    }
}
