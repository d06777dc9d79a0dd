package dev.threadguard.moderation.judge;

import dev.threadguard.config.Env;

/** Thresholds and bounds of the detectors. STUB: the detectors' owner replaces this. */
public record DetectorConfig(double duplicateThreshold, double offTopicThreshold, double supportRequestThreshold) {
    public static DetectorConfig defaults() {
        return fromEnv(new Env(java.util.Map.of()));
    }

    public static DetectorConfig fromEnv(Env env) {
        return new DetectorConfig(
                env.decimal("THRESHOLD_DUPLICATE", 0.9, 0, 1),
                env.decimal("THRESHOLD_OFF_TOPIC", 0.5, 0, 1),
                env.decimal("THRESHOLD_SUPPORT_REQUEST", 0.5, 0, 1));
    }
}
