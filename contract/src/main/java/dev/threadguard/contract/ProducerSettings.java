package dev.threadguard.contract;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/** How Threadguard's own services produce: the settings ingest and the sink's decision API share. */
public final class ProducerSettings {
    private ProducerSettings() {
    }

    /**
     * A transactional, idempotent producer (acks=all) whose every wait is bounded by {@code timeout}, so a
     * request that publishes either commits within it or fails within it, with nothing half-written.
     */
    public static Properties transactional(String bootstrapServers, String transactionalId, Duration timeout) {
        int timeoutMs = (int) timeout.toMillis();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        // The caller waits for the commit anyway; lingering would only add latency.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // 10 ms instead of the client's 100: a transaction that begins while the previous one's markers are still
        // being written is answered CONCURRENT_TRANSACTIONS (a first batch may be refused as out of sequence), and
        // back-to-back transactions (ingest commits groups of requests one after the other) waited a tenth of a
        // second for each such retry. The cost: up to ten times as many retried requests while a commit completes
        // (the backoff still grows exponentially to retry.backoff.max.ms, 1 s, when the broker keeps refusing).
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, timeoutMs);
        return KafkaClientSecurity.current().applyTo(props);
    }
}
