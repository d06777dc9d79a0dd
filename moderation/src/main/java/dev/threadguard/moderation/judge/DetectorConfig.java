package dev.threadguard.moderation.judge;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.moderation.offtopic.OffTopicVectors;
import java.util.Map;
import java.util.Objects;

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
 * @param offTopicEmbeddings      whether the off-topic detector also compares meanings with the in-process sentence
 *                                embedding model, for the comments shared words leave in doubt
 *                                ({@code OFF_TOPIC_EMBEDDINGS}, true; false: shared words only, microseconds per comment)
 * @param offTopicUncertainFrom   words-only off-topic score from which a comment's meaning is measured
 *                                ({@code OFF_TOPIC_UNCERTAIN_FROM}, 0.0: every comment; above 0 saves the model's cost
 *                                on comments whose words already show they are on topic)
 * @param offTopicUncertainTo     lexical off-topic score above which words alone decide ({@code OFF_TOPIC_UNCERTAIN_TO},
 *                                1.0: every comment from {@code offTopicUncertainFrom} up is checked); help requests
 *                                (support score from {@code supportRequestThreshold}) are checked in any case
 * @param offTopicSimilarityThreshold unused since detector 2026.11-5 (the off-topic model weighs the similarity
 *                                itself); still read so that existing configurations load
 *                                ({@code OFF_TOPIC_SIMILARITY_THRESHOLD}, 0.15)
 * @param embeddingCacheSize      comment vectors kept in memory, 0.5 KB each for static vectors, 1.5 KB for MiniLM
 *                                ({@code DETECTOR_EMBEDDING_CACHE_SIZE}, 10000)
 * @param offTopicVectors         which vectors measure meaning ({@code OFF_TOPIC_VECTORS}; {@code hybrid}, the default:
 *                                the static table for every comment and the transformer again from
 *                                {@code offTopicHybridFrom} up; {@code static}: the token table distilled from MiniLM,
 *                                microseconds a comment; {@code minilm}: the transformer for every comment, about 5 ms)
 * @param offTopicHybridFrom      with {@code hybrid} vectors, the off-topic score with static vectors from which the
 *                                transformer judges the comment again ({@code OFF_TOPIC_HYBRID_FROM}, 0.06)
 */
public record DetectorConfig(
        double duplicateThreshold,
        double offTopicThreshold,
        double supportRequestThreshold,
        int duplicateMinCopyWords,
        int offTopicThreadWindow,
        int textCacheSize,
        int articleCacheSize,
        boolean offTopicEmbeddings,
        double offTopicUncertainFrom,
        double offTopicUncertainTo,
        double offTopicSimilarityThreshold,
        int embeddingCacheSize,
        OffTopicVectors offTopicVectors,
        double offTopicHybridFrom) {

    public static final double DEFAULT_DUPLICATE_THRESHOLD = Settings.THRESHOLD_DUPLICATE.defaultValue();
    public static final double DEFAULT_OFF_TOPIC_THRESHOLD = Settings.THRESHOLD_OFF_TOPIC.defaultValue();
    public static final double DEFAULT_SUPPORT_REQUEST_THRESHOLD = Settings.THRESHOLD_SUPPORT_REQUEST.defaultValue();
    public static final int DEFAULT_MIN_COPY_WORDS = Settings.DUPLICATE_MIN_COPY_WORDS.defaultValue();
    public static final int DEFAULT_THREAD_WINDOW = Settings.OFF_TOPIC_THREAD_WINDOW.defaultValue();
    public static final int DEFAULT_TEXT_CACHE_SIZE = Settings.DETECTOR_TEXT_CACHE_SIZE.defaultValue();
    public static final int DEFAULT_ARTICLE_CACHE_SIZE = Settings.DETECTOR_ARTICLE_CACHE_SIZE.defaultValue();
    public static final boolean DEFAULT_OFF_TOPIC_EMBEDDINGS = Settings.OFF_TOPIC_EMBEDDINGS.defaultValue();
    public static final double DEFAULT_OFF_TOPIC_UNCERTAIN_FROM = Settings.OFF_TOPIC_UNCERTAIN_FROM.defaultValue();
    public static final double DEFAULT_OFF_TOPIC_UNCERTAIN_TO = Settings.OFF_TOPIC_UNCERTAIN_TO.defaultValue();
    public static final double DEFAULT_OFF_TOPIC_SIMILARITY_THRESHOLD = Settings.OFF_TOPIC_SIMILARITY_THRESHOLD.defaultValue();
    public static final int DEFAULT_EMBEDDING_CACHE_SIZE = Settings.DETECTOR_EMBEDDING_CACHE_SIZE.defaultValue();
    public static final OffTopicVectors DEFAULT_OFF_TOPIC_VECTORS = OffTopicVectors.parse(Settings.OFF_TOPIC_VECTORS.defaultValue());
    public static final double DEFAULT_OFF_TOPIC_HYBRID_FROM = Settings.OFF_TOPIC_HYBRID_FROM.defaultValue();

    public DetectorConfig {
        requireUnit("duplicateThreshold", duplicateThreshold);
        requireUnit("offTopicThreshold", offTopicThreshold);
        requireUnit("supportRequestThreshold", supportRequestThreshold);
        requirePositive("duplicateMinCopyWords", duplicateMinCopyWords);
        requirePositive("offTopicThreadWindow", offTopicThreadWindow);
        requirePositive("textCacheSize", textCacheSize);
        requirePositive("articleCacheSize", articleCacheSize);
        requireUnit("offTopicUncertainFrom", offTopicUncertainFrom);
        requireUnit("offTopicUncertainTo", offTopicUncertainTo);
        if (offTopicUncertainFrom > offTopicUncertainTo) {
            throw new IllegalArgumentException("offTopicUncertainFrom (" + offTopicUncertainFrom
                    + ") must not exceed offTopicUncertainTo (" + offTopicUncertainTo + ")");
        }
        requireUnit("offTopicSimilarityThreshold", offTopicSimilarityThreshold);
        requirePositive("embeddingCacheSize", embeddingCacheSize);
        Objects.requireNonNull(offTopicVectors, "offTopicVectors");
        requireUnit("offTopicHybridFrom", offTopicHybridFrom);
    }

    /** Given thresholds and bounds, the default semantic off-topic check. */
    /** With the default hybrid band ({@link #DEFAULT_OFF_TOPIC_HYBRID_FROM}). */
    public DetectorConfig(double duplicateThreshold, double offTopicThreshold, double supportRequestThreshold,
                          int duplicateMinCopyWords, int offTopicThreadWindow, int textCacheSize, int articleCacheSize,
                          boolean offTopicEmbeddings, double offTopicUncertainFrom, double offTopicUncertainTo,
                          double offTopicSimilarityThreshold, int embeddingCacheSize, OffTopicVectors offTopicVectors) {
        this(duplicateThreshold, offTopicThreshold, supportRequestThreshold, duplicateMinCopyWords, offTopicThreadWindow,
                textCacheSize, articleCacheSize, offTopicEmbeddings, offTopicUncertainFrom, offTopicUncertainTo,
                offTopicSimilarityThreshold, embeddingCacheSize, offTopicVectors, DEFAULT_OFF_TOPIC_HYBRID_FROM);
    }

    public DetectorConfig(double duplicateThreshold, double offTopicThreshold, double supportRequestThreshold,
                          int duplicateMinCopyWords, int offTopicThreadWindow, int textCacheSize, int articleCacheSize) {
        this(duplicateThreshold, offTopicThreshold, supportRequestThreshold, duplicateMinCopyWords, offTopicThreadWindow,
                textCacheSize, articleCacheSize, DEFAULT_OFF_TOPIC_EMBEDDINGS, DEFAULT_OFF_TOPIC_UNCERTAIN_FROM,
                DEFAULT_OFF_TOPIC_UNCERTAIN_TO, DEFAULT_OFF_TOPIC_SIMILARITY_THRESHOLD, DEFAULT_EMBEDDING_CACHE_SIZE,
                DEFAULT_OFF_TOPIC_VECTORS);
    }

    /** The same configuration with the semantic off-topic check switched on or off. */
    public DetectorConfig withOffTopicEmbeddings(boolean on) {
        return new DetectorConfig(duplicateThreshold, offTopicThreshold, supportRequestThreshold, duplicateMinCopyWords,
                offTopicThreadWindow, textCacheSize, articleCacheSize, on, offTopicUncertainFrom, offTopicUncertainTo,
                offTopicSimilarityThreshold, embeddingCacheSize, offTopicVectors, offTopicHybridFrom);
    }

    /** The same configuration measuring meaning with other vectors. */
    public DetectorConfig withOffTopicVectors(OffTopicVectors vectors) {
        return new DetectorConfig(duplicateThreshold, offTopicThreshold, supportRequestThreshold, duplicateMinCopyWords,
                offTopicThreadWindow, textCacheSize, articleCacheSize, offTopicEmbeddings, offTopicUncertainFrom,
                offTopicUncertainTo, offTopicSimilarityThreshold, embeddingCacheSize, vectors, offTopicHybridFrom);
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
        double uncertainFrom = Settings.OFF_TOPIC_UNCERTAIN_FROM.read(env);
        double uncertainTo = Settings.OFF_TOPIC_UNCERTAIN_TO.read(env);
        if (uncertainFrom > uncertainTo) {
            throw new ConfigException("OFF_TOPIC_UNCERTAIN_FROM (" + uncertainFrom + ") must not exceed OFF_TOPIC_UNCERTAIN_TO ("
                    + uncertainTo + "): together they are the band of lexical scores whose meaning is checked");
        }
        OffTopicVectors vectors;
        try {
            vectors = OffTopicVectors.parse(Settings.OFF_TOPIC_VECTORS.read(env));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("OFF_TOPIC_VECTORS must be hybrid, static or minilm, got '"
                    + Settings.OFF_TOPIC_VECTORS.read(env) + "'");
        }
        return new DetectorConfig(
                Settings.THRESHOLD_DUPLICATE.read(env),
                Settings.THRESHOLD_OFF_TOPIC.read(env),
                Settings.THRESHOLD_SUPPORT_REQUEST.read(env),
                Settings.DUPLICATE_MIN_COPY_WORDS.read(env),
                Settings.OFF_TOPIC_THREAD_WINDOW.read(env),
                Settings.DETECTOR_TEXT_CACHE_SIZE.read(env),
                Settings.DETECTOR_ARTICLE_CACHE_SIZE.read(env),
                Settings.OFF_TOPIC_EMBEDDINGS.read(env),
                uncertainFrom,
                uncertainTo,
                Settings.OFF_TOPIC_SIMILARITY_THRESHOLD.read(env),
                Settings.DETECTOR_EMBEDDING_CACHE_SIZE.read(env),
                vectors,
                Settings.OFF_TOPIC_HYBRID_FROM.read(env));
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
