package dev.threadguard.sink.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A comment in a thread with its replies, oldest first. */
public record CommentNode(
        String commentId,
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
        List<CommentNode> replies) {

    public CommentNode {
        replies = List.copyOf(replies);
    }
}
