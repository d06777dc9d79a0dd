package dev.threadguard.sink.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A comment with its latest verdict, as stored. Flags are the names of {@link dev.threadguard.contract.Flag}. */
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
        Instant judgedAt) {

    public StoredComment {
        flags = List.copyOf(flags);
        scores = Map.copyOf(scores);
        reasons = List.copyOf(reasons);
    }
}
