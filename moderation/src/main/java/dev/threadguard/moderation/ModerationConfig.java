package dev.threadguard.moderation;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.moderation.judge.DetectorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the moderation service needs, read once from the environment (12-factor).
 *
 * @param bootstrapServers  Kafka bootstrap servers ({@code KAFKA_BOOTSTRAP_SERVERS}, required)
 * @param applicationId     Kafka Streams application id: consumer group and prefix of internal topics
 * @param stateDir          where the state stores live on disk
 * @param holdTimeout       how long a comment that arrives before its article waits for it
 * @param maxHeldPerArticle how many comments may wait for one article ({@code MODERATION_HOLD_MAX_PER_ARTICLE}, 1,000);
 *                          a comment beyond that is judged at once, without the article, with a reason saying so
 * @param maxHeldTotal      how many comments may wait for their articles in one task, i.e. one partition of the
 *                          thread stage ({@code MODERATION_HOLD_MAX_TOTAL}, 100,000); beyond that likewise
 * @param threadHistory     earlier comments kept per article for parent lookup, context and repeated-delivery checks
 * @param retention         how long comments are remembered for duplicate checks ({@code MODERATION_RETENTION}, P7D):
 *                          a thread quiet for longer forgets its history, an author's comments older than this are
 *                          dropped, and a repeat of an older comment is not flagged
 * @param authorHistory     recent comments kept per author for the cross-thread duplicate check
 *                          ({@code MODERATION_AUTHOR_HISTORY}, 200); the oldest goes first
 * @param topicPartitions   partitions of the pipeline topics when this service creates them
 * @param topicReplication  replication of the pipeline topics and of the Streams internal topics
 * @param detectors         thresholds and bounds of the detectors
 * @param port              HTTP port of {@code GET /health} and {@code GET /metrics} ({@code MODERATION_PORT}, 8082;
 *                          0 = any free port, e.g. several instances on one machine)
 * @param globalRetention   how far back (stream time) the global copy search finds copies by anyone in any thread
 *                          ({@code DUPLICATE_GLOBAL_RETENTION_DAYS}, 90 days); at least {@code retention}
 */
public record ModerationConfig(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        Duration holdTimeout,
        int maxHeldPerArticle,
        int maxHeldTotal,
        int threadHistory,
        Duration retention,
        int authorHistory,
        int topicPartitions,
        short topicReplication,
        DetectorConfig detectors,
        int port,
        Duration globalRetention) {

    public static final String DEFAULT_APPLICATION_ID = Settings.MODERATION_APPLICATION_ID.defaultValue();
    public static final Duration DEFAULT_HOLD_TIMEOUT = Settings.MODERATION_HOLD_TIMEOUT.defaultValue();
    public static final int DEFAULT_MAX_HELD_PER_ARTICLE = Settings.MODERATION_HOLD_MAX_PER_ARTICLE.defaultValue();
    public static final int DEFAULT_MAX_HELD_TOTAL = Settings.MODERATION_HOLD_MAX_TOTAL.defaultValue();
    public static final int DEFAULT_THREAD_HISTORY = Settings.MODERATION_THREAD_HISTORY.defaultValue();
    public static final int DEFAULT_TOPIC_PARTITIONS = Settings.TOPIC_PARTITIONS.defaultValue();
    public static final Duration DEFAULT_RETENTION = Settings.MODERATION_RETENTION.defaultValue();
    public static final int DEFAULT_AUTHOR_HISTORY = Settings.MODERATION_AUTHOR_HISTORY.defaultValue();
    public static final int DEFAULT_PORT = Settings.MODERATION_PORT.defaultValue();
    public static final Duration DEFAULT_GLOBAL_RETENTION =
            Duration.ofDays(Settings.DUPLICATE_GLOBAL_RETENTION_DAYS.defaultValue());

    public ModerationConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(holdTimeout, "holdTimeout");
        Objects.requireNonNull(detectors, "detectors");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new ConfigException("MODERATION_RETENTION must be positive, got " + retention);
        }
        Objects.requireNonNull(globalRetention, "globalRetention");
        if (globalRetention.compareTo(retention) < 0) {
            throw new ConfigException("DUPLICATE_GLOBAL_RETENTION_DAYS (" + globalRetention.toDays()
                    + " days) must not be shorter than MODERATION_RETENTION (" + retention + ")");
        }
        if (authorHistory < 1) {
            throw new ConfigException("MODERATION_AUTHOR_HISTORY must be at least 1, got " + authorHistory);
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException("MODERATION_PORT must be between 0 and 65535, got " + port);
        }
        if (holdTimeout.isNegative()) {
            throw new ConfigException("MODERATION_HOLD_TIMEOUT must not be negative, got " + holdTimeout);
        }
        if (maxHeldTotal < maxHeldPerArticle) {
            throw new ConfigException("MODERATION_HOLD_MAX_TOTAL (" + maxHeldTotal
                    + ") must be at least MODERATION_HOLD_MAX_PER_ARTICLE (" + maxHeldPerArticle + ")");
        }
        if (maxHeldPerArticle < 1 || threadHistory < 1 || topicPartitions < 1 || topicReplication < 1) {
            throw new ConfigException("moderation bounds must be positive: maxHeldPerArticle=" + maxHeldPerArticle
                    + ", threadHistory=" + threadHistory + ", topicPartitions=" + topicPartitions
                    + ", topicReplication=" + topicReplication);
        }
    }

    public static ModerationConfig fromEnv(Env env) {
        return new ModerationConfig(
                Settings.KAFKA_BOOTSTRAP_SERVERS.read(env),
                Settings.MODERATION_APPLICATION_ID.read(env),
                Path.of(Settings.MODERATION_STATE_DIR.read(env)),
                Settings.MODERATION_HOLD_TIMEOUT.read(env),
                Settings.MODERATION_HOLD_MAX_PER_ARTICLE.read(env),
                Settings.MODERATION_HOLD_MAX_TOTAL.read(env),
                Settings.MODERATION_THREAD_HISTORY.read(env),
                Settings.MODERATION_RETENTION.read(env),
                Settings.MODERATION_AUTHOR_HISTORY.read(env),
                Settings.TOPIC_PARTITIONS.read(env),
                Settings.TOPIC_REPLICATION.read(env).shortValue(),
                DetectorConfig.fromEnv(env),
                Settings.MODERATION_PORT.read(env),
                Duration.ofDays(Settings.DUPLICATE_GLOBAL_RETENTION_DAYS.read(env)));
    }

    /** Defaults everywhere, for the given brokers. */
    public static ModerationConfig defaults(String bootstrapServers) {
        return new ModerationConfig(bootstrapServers, DEFAULT_APPLICATION_ID, defaultStateDir(), DEFAULT_HOLD_TIMEOUT,
                DEFAULT_MAX_HELD_PER_ARTICLE, DEFAULT_MAX_HELD_TOTAL, DEFAULT_THREAD_HISTORY, DEFAULT_RETENTION,
                DEFAULT_AUTHOR_HISTORY, DEFAULT_TOPIC_PARTITIONS, (short) 1, DetectorConfig.defaults(), DEFAULT_PORT,
                DEFAULT_GLOBAL_RETENTION);
    }

    /**
     * For the evaluate command and topology tests: the topology runs in TopologyTestDriver, which never
     * contacts the brokers named here.
     */
    public static ModerationConfig forEvaluation() {
        return defaults("unused-by-topology-test-driver:9092");
    }

    public ModerationConfig withApplicationId(String id) {
        return new ModerationConfig(bootstrapServers, id, stateDir, holdTimeout, maxHeldPerArticle, maxHeldTotal,
                threadHistory, retention, authorHistory, topicPartitions, topicReplication, detectors, port, globalRetention);
    }

    public ModerationConfig withStateDir(Path dir) {
        return new ModerationConfig(bootstrapServers, applicationId, dir, holdTimeout, maxHeldPerArticle, maxHeldTotal,
                threadHistory, retention, authorHistory, topicPartitions, topicReplication, detectors, port, globalRetention);
    }

    public ModerationConfig withHolding(Duration timeout, int maxHeld) {
        return withHolding(timeout, maxHeld, Math.max(maxHeld, maxHeldTotal));
    }

    /** Another hold timeout, bound per article and bound per task. */
    public ModerationConfig withHolding(Duration timeout, int maxHeld, int maxTotal) {
        return new ModerationConfig(bootstrapServers, applicationId, stateDir, timeout, maxHeld, maxTotal,
                threadHistory, retention, authorHistory, topicPartitions, topicReplication, detectors, port, globalRetention);
    }

    public ModerationConfig withDetectors(DetectorConfig config) {
        return new ModerationConfig(bootstrapServers, applicationId, stateDir, holdTimeout, maxHeldPerArticle,
                maxHeldTotal, threadHistory, retention, authorHistory, topicPartitions, topicReplication, config, port, globalRetention);
    }

    /** Bounds of the thread and author state: at most {@code threadHistory} comments per thread, and so on. */
    public ModerationConfig withHistory(int threadHistory, Duration retention, int authorHistory) {
        return new ModerationConfig(bootstrapServers, applicationId, stateDir, holdTimeout, maxHeldPerArticle,
                maxHeldTotal, threadHistory, retention, authorHistory, topicPartitions, topicReplication, detectors, port,
                retention.compareTo(globalRetention) > 0 ? retention : globalRetention);
    }

    /** Another reach of the global copy search (tests: a short one, to see a copy fall out of it). */
    public ModerationConfig withGlobalRetention(Duration reach) {
        return new ModerationConfig(bootstrapServers, applicationId, stateDir, holdTimeout, maxHeldPerArticle,
                maxHeldTotal, threadHistory, retention, authorHistory, topicPartitions, topicReplication, detectors, port,
                reach);
    }

    /** Another port for {@code GET /health} and {@code GET /metrics}; 0 picks a free one (tests, several instances). */
    public ModerationConfig withPort(int newPort) {
        return new ModerationConfig(bootstrapServers, applicationId, stateDir, holdTimeout, maxHeldPerArticle,
                maxHeldTotal, threadHistory, retention, authorHistory, topicPartitions, topicReplication, detectors, newPort, globalRetention);
    }

    /** On the default port ({@code MODERATION_PORT} unset), with the default bound of held comments per task. */
    public ModerationConfig(String bootstrapServers, String applicationId, Path stateDir, Duration holdTimeout,
                            int maxHeldPerArticle, int threadHistory, Duration retention, int authorHistory,
                            int topicPartitions, short topicReplication, DetectorConfig detectors) {
        this(bootstrapServers, applicationId, stateDir, holdTimeout, maxHeldPerArticle,
                Math.max(maxHeldPerArticle, DEFAULT_MAX_HELD_TOTAL), threadHistory, retention, authorHistory,
                topicPartitions, topicReplication, detectors, DEFAULT_PORT,
                retention.compareTo(DEFAULT_GLOBAL_RETENTION) > 0 ? retention : DEFAULT_GLOBAL_RETENTION);
    }

    /** Without the duplicate-state bounds (retention and author history take their defaults). */
    public ModerationConfig(String bootstrapServers, String applicationId, Path stateDir, Duration holdTimeout,
                            int maxHeldPerArticle, int threadHistory, int topicPartitions, short topicReplication,
                            DetectorConfig detectors) {
        this(bootstrapServers, applicationId, stateDir, holdTimeout, maxHeldPerArticle, threadHistory,
                DEFAULT_RETENTION, DEFAULT_AUTHOR_HISTORY, topicPartitions, topicReplication, detectors);
    }

    private static Path defaultStateDir() {
        return Path.of(Settings.MODERATION_STATE_DIR.defaultValue());
    }
}
