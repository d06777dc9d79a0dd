package dev.threadguard.sink.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A comment in a thread with its replies, oldest first. In the public view the moderation fields
 * (flags, scores, reasons, detectorVersion, awaiting, duplicateOf, status, teams, decisionReason) are null and
 * left out of the JSON: readers see the comment only. In the moderator view {@code awaiting} names the flags the
 * verdict judges provisionally (a revised verdict is still to come), empty when the verdict is final.
 */
public record CommentNode(
        String commentId,
        String parentId,
        String author,
        String title,
        String body,
        Instant postedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> flags,
        @JsonInclude(JsonInclude.Include.NON_NULL) String duplicateOf,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> scores,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> reasons,
        @JsonInclude(JsonInclude.Include.NON_NULL) String detectorVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> awaiting,
        @JsonInclude(JsonInclude.Include.NON_NULL) String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> queueFlags,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> teams,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> dismissedFlags,
        @JsonInclude(JsonInclude.Include.NON_NULL) String decisionReason,
        List<CommentNode> replies) {

    public CommentNode {
        replies = List.copyOf(replies);
    }
}
