package dev.threadguard.ingest;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.contract.TimeRange;
import dev.threadguard.ingest.auth.SiteKeyConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the ingest service reads from its environment.
 *
 * @param bootstrapServers  Kafka bootstrap servers ({@code KAFKA_BOOTSTRAP_SERVERS}, required)
 * @param port              HTTP port ({@code INGEST_PORT}); 0 binds any free port
 * @param maxBodyBytes      largest body of a single article or comment ({@code INGEST_MAX_BODY_BYTES})
 * @param maxBatchBytes     largest body of a batch ({@code INGEST_MAX_BATCH_BYTES})
 * @param maxBatchItems     most comments in one batch ({@code INGEST_MAX_BATCH_ITEMS})
 * @param sendTimeout       longest a request waits for Kafka before answering 503 ({@code INGEST_SEND_TIMEOUT})
 * @param producers         transactional producers, i.e. transactions committed in parallel ({@code INGEST_PRODUCERS})
 * @param topicPartitions   partitions of the topics created at start ({@code TOPIC_PARTITIONS})
 * @param topicReplication  replication of the topics created at start ({@code TOPIC_REPLICATION})
 * @param maxClockSkew      how far past now an instant may lie ({@code EVENT_MAX_CLOCK_SKEW}, see {@link TimeRange})
 * @param resendMemory      comment ids remembered per instance to answer a changed resend with 409
 *                          ({@code INGEST_RESEND_MEMORY_IDS})
 * @param resendMemoryTtl   how long each is remembered ({@code INGEST_RESEND_MEMORY_TTL})
 * @param siteKeys          site keys and their rate limits ({@code INGEST_RATE_LIMIT}, {@code INGEST_RATE_BURST},
 *                          {@code THREADGUARD_SITE_KEY})
 */
public record IngestConfig(
        String bootstrapServers,
        int port,
        int maxBodyBytes,
        int maxBatchBytes,
        int maxBatchItems,
        Duration sendTimeout,
        int producers,
        int topicPartitions,
        short topicReplication,
        Duration maxClockSkew,
        int resendMemory,
        Duration resendMemoryTtl,
        SiteKeyConfig siteKeys) {

    public static final int MIB = 1024 * 1024;
    /** About 20 MB of heap: an hour of comments at 25 a second. */
    public static final int DEFAULT_RESEND_MEMORY = Settings.INGEST_RESEND_MEMORY_IDS.defaultValue();
    /** Client retries come within seconds or minutes; an hour covers a retry after an outage too. */
    public static final Duration DEFAULT_RESEND_MEMORY_TTL = Settings.INGEST_RESEND_MEMORY_TTL.defaultValue();

    public IngestConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ConfigException("KAFKA_BOOTSTRAP_SERVERS is not set: give the Kafka brokers, e.g. localhost:9092");
        }
        // Kafka's request timeouts are derived from it; below a second they fail on a healthy broker.
        if (sendTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("INGEST_SEND_TIMEOUT must be at least PT1S, got " + sendTimeout);
        }
        if (resendMemoryTtl.isZero() && resendMemory > 0) {
            throw new ConfigException("INGEST_RESEND_MEMORY_TTL must be positive; set INGEST_RESEND_MEMORY_IDS=0 to "
                    + "remember no ids");
        }
    }

    public static IngestConfig fromEnv(Env env) {
        return new IngestConfig(
                Settings.KAFKA_BOOTSTRAP_SERVERS.read(env),
                Settings.INGEST_PORT.read(env),
                Settings.INGEST_MAX_BODY_BYTES.read(env),
                Settings.INGEST_MAX_BATCH_BYTES.read(env),
                Settings.INGEST_MAX_BATCH_ITEMS.read(env),
                Settings.INGEST_SEND_TIMEOUT.read(env),
                Settings.INGEST_PRODUCERS.read(env),
                Settings.TOPIC_PARTITIONS.read(env),
                Settings.TOPIC_REPLICATION.read(env).shortValue(),
                Settings.EVENT_MAX_CLOCK_SKEW.read(env),
                Settings.INGEST_RESEND_MEMORY_IDS.read(env),
                Settings.INGEST_RESEND_MEMORY_TTL.read(env),
                SiteKeyConfig.fromEnv(env));
    }

    /** The range every instant of a request must lie in, on the system clock. */
    public TimeRange timeRange() {
        return new TimeRange(java.time.Clock.systemUTC(), maxClockSkew);
    }

    /** The defaults for a broker at {@code bootstrapServers}: what an empty environment gives. */
    public static IngestConfig defaults(String bootstrapServers) {
        return fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers)));
    }
}
