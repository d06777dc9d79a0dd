package dev.threadguard.sink.policy;

import java.util.List;

/**
 * What the policy makes of a comment: its status, the flags that put it in the review queue (empty
 * when it is not queued) and the teams it is routed to.
 */
public record Standing(CommentStatus status, List<String> queueFlags, List<String> teams) {
    public Standing {
        queueFlags = List.copyOf(queueFlags);
        teams = List.copyOf(teams);
    }

    /** Waiting for a moderator: some flag queues it and no moderator has approved or rejected it yet. */
    public boolean queued() {
        return !queueFlags.isEmpty() && status != CommentStatus.APPROVED && status != CommentStatus.REJECTED;
    }
}
