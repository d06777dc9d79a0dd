package dev.threadguard.sink.store;

import java.util.List;

/** What the decision API checks a decision against: the comment's thread, flags and status. */
public record DecisionTarget(String commentId, String articleId, List<String> flags, String status) {
    public DecisionTarget {
        flags = List.copyOf(flags);
    }
}
