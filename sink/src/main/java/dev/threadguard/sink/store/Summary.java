package dev.threadguard.sink.store;

import java.util.Map;

/**
 * Counts for the moderators' dashboard. {@code raised} counts each flag in the latest verdicts,
 * whatever its policy (log-only flags are counted here and nowhere else); {@code queuedByFlag} counts
 * the comments waiting for each flag; {@code dismissed} the flags moderators dismissed.
 */
public record Summary(Map<String, Long> byStatus, long queued, Map<String, Long> raised,
        Map<String, Long> queuedByFlag, Map<String, Long> dismissed) {
    public Summary {
        byStatus = Map.copyOf(byStatus);
        raised = Map.copyOf(raised);
        queuedByFlag = Map.copyOf(queuedByFlag);
        dismissed = Map.copyOf(dismissed);
    }
}
