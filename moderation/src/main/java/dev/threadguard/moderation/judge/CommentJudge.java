package dev.threadguard.moderation.judge;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges one comment in its thread context: runs every detector and turns their findings into a
 * verdict. Pure: no Kafka, no clock of its own (the caller passes {@code now}). Thread-safe.
 * STUB: the detectors' owner replaces the body; the signature is what the topology calls.
 */
public final class CommentJudge {
    public static final String VERSION = "stub-0";

    private final DetectorConfig config;

    public CommentJudge(DetectorConfig config) {
        this.config = config;
    }

    public Verdict judge(Comment comment, ThreadContext context, Instant now) {
        return new Verdict(comment.commentId(), comment.articleId(), Set.of(), null,
                Map.of("duplicate", 0.0, "offTopic", 0.0, "supportRequest", 0.0), List.of(), VERSION, now);
    }
}
