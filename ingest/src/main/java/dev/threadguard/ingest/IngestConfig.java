package dev.threadguard.ingest;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
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
 * @param producers         transactional producers, i.e. requests published in parallel ({@code INGEST_PRODUCERS})
 * @param topicPartitions   partitions of the topics created at start ({@code TOPIC_PARTITIONS})
 * @param topicReplication  replication of the topics created at start ({@code TOPIC_REPLICATION})
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
        SiteKeyConfig siteKeys) {

    public static final int MIB = 1024 * 1024;

    public IngestConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ConfigException("KAFKA_BOOTSTRAP_SERVERS is not set: give the Kafka brokers, e.g. localhost:9092");
        }
        // Kafka's request timeouts are derived from it; below a second they fail on a healthy broker.
        if (sendTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("INGEST_SEND_TIMEOUT must be at least PT1S, got " + sendTimeout);
        }
    }

    public static IngestConfig fromEnv(Env env) {
        return new IngestConfig(
                env.required("KAFKA_BOOTSTRAP_SERVERS", "give the Kafka brokers, e.g. localhost:9092"),
                env.port("INGEST_PORT", 8081),
                env.integer("INGEST_MAX_BODY_BYTES", MIB, 1_024, Integer.MAX_VALUE - 1),
                env.integer("INGEST_MAX_BATCH_BYTES", 16 * MIB, 1_024, Integer.MAX_VALUE - 1),
                env.integer("INGEST_MAX_BATCH_ITEMS", 10_000, 1, 1_000_000),
                env.duration("INGEST_SEND_TIMEOUT", Duration.ofSeconds(10)),
                env.integer("INGEST_PRODUCERS", 2, 1, 64),
                env.integer("TOPIC_PARTITIONS", 3, 1, 10_000),
                (short) env.integer("TOPIC_REPLICATION", 1, 1, Short.MAX_VALUE),
                SiteKeyConfig.fromEnv(env));
    }

    /** The defaults for a broker at {@code bootstrapServers}: what an empty environment gives. */
    public static IngestConfig defaults(String bootstrapServers) {
        return fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers)));
    }
}
