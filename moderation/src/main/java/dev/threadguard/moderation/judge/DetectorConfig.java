package dev.threadguard.moderation.judge;

import dev.threadguard.config.Env;
import java.util.Map;

/**
 * Thresholds and bounds of the detectors.
 *
 * @param duplicateThreshold      duplicate score from which DUPLICATE is raised ({@code THRESHOLD_DUPLICATE}, 0.9)
 * @param offTopicThreshold       off-topic score from which OFF_TOPIC is raised ({@code THRESHOLD_OFF_TOPIC}, 0.5)
 * @param supportRequestThreshold support score from which SUPPORT_REQUEST is raised ({@code THRESHOLD_SUPPORT_REQUEST}, 0.5)
 * @param duplicateMinCopyWords   words from which an identical text by someone else counts as a copy, and from which
 *                                near-duplicates are looked for ({@code DUPLICATE_MIN_COPY_WORDS}, 6)
 * @param offTopicThreadWindow    recent comments of the thread that count as its subject ({@code OFF_TOPIC_THREAD_WINDOW}, 30)
 * @param textCacheSize           analysed comment texts kept in memory ({@code DETECTOR_TEXT_CACHE_SIZE}, 20000)
 * @param articleCacheSize        analysed articles kept in memory ({@code DETECTOR_ARTICLE_CACHE_SIZE}, 1000)
 */
public record DetectorConfig(
        double duplicateThreshold,
        double offTopicThreshold,
        double supportRequestThreshold,
        int duplicateMinCopyWords,
        int offTopicThreadWindow,
        int textCacheSize,
        int articleCacheSize) {

    public static final double DEFAULT_DUPLICATE_THRESHOLD = 0.9;
    public static final double DEFAULT_OFF_TOPIC_THRESHOLD = 0.5;
    public static final double DEFAULT_SUPPORT_REQUEST_THRESHOLD = 0.5;
    public static final int DEFAULT_MIN_COPY_WORDS = 6;
    public static final int DEFAULT_THREAD_WINDOW = 30;
    public static final int DEFAULT_TEXT_CACHE_SIZE = 20_000;
    public static final int DEFAULT_ARTICLE_CACHE_SIZE = 1_000;

    public DetectorConfig {
        requireUnit("duplicateThreshold", duplicateThreshold);
        requireUnit("offTopicThreshold", offTopicThreshold);
        requireUnit("supportRequestThreshold", supportRequestThreshold);
        requirePositive("duplicateMinCopyWords", duplicateMinCopyWords);
        requirePositive("offTopicThreadWindow", offTopicThreadWindow);
        requirePositive("textCacheSize", textCacheSize);
        requirePositive("articleCacheSize", articleCacheSize);
    }

    /** Given thresholds, default bounds. */
    public DetectorConfig(double duplicateThreshold, double offTopicThreshold, double supportRequestThreshold) {
        this(duplicateThreshold, offTopicThreshold, supportRequestThreshold, DEFAULT_MIN_COPY_WORDS,
                DEFAULT_THREAD_WINDOW, DEFAULT_TEXT_CACHE_SIZE, DEFAULT_ARTICLE_CACHE_SIZE);
    }

    public static DetectorConfig defaults() {
        return fromEnv(new Env(Map.of()));
    }

    public static DetectorConfig fromEnv(Env env) {
        return new DetectorConfig(
                env.decimal("THRESHOLD_DUPLICATE", DEFAULT_DUPLICATE_THRESHOLD, 0, 1),
                env.decimal("THRESHOLD_OFF_TOPIC", DEFAULT_OFF_TOPIC_THRESHOLD, 0, 1),
                env.decimal("THRESHOLD_SUPPORT_REQUEST", DEFAULT_SUPPORT_REQUEST_THRESHOLD, 0, 1),
                env.integer("DUPLICATE_MIN_COPY_WORDS", DEFAULT_MIN_COPY_WORDS, 1, 1_000),
                env.integer("OFF_TOPIC_THREAD_WINDOW", DEFAULT_THREAD_WINDOW, 1, 10_000),
                env.integer("DETECTOR_TEXT_CACHE_SIZE", DEFAULT_TEXT_CACHE_SIZE, 100, 10_000_000),
                env.integer("DETECTOR_ARTICLE_CACHE_SIZE", DEFAULT_ARTICLE_CACHE_SIZE, 1, 1_000_000));
    }

    private static void requireUnit(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
        }
    }

    private static void requirePositive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
    }
}
