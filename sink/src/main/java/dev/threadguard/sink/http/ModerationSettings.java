package dev.threadguard.sink.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code GET /api/moderation/settings}: what the page needs to know of the sink's
 * configuration (the reasons to reject with, the policy per flag, the limits of the decision API).
 */
public record ModerationSettings(List<String> rejectReasons, Map<String, String> policy, int maxModeratorLength,
        int maxReasonLength, int maxDecisionsPerRequest) {
    public ModerationSettings {
        rejectReasons = List.copyOf(rejectReasons);
        // Sorted: flag names sort in enum order, and the page lists them as they come.
        policy = Collections.unmodifiableMap(new TreeMap<>(policy));
    }
}
