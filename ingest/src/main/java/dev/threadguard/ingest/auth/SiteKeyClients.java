package dev.threadguard.ingest.auth;

import dev.threadguard.contract.Json;
import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.contract.SiteKey;
import dev.threadguard.contract.Topics;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka clients that read and write {@link Topics#SITE_KEYS}: one place for their settings, with the login of
 * {@link KafkaClientSecurity} like every other client (deploy/kafka/acls.txt gives ingest's principal the topic).
 */
final class SiteKeyClients {
    private static final Logger LOG = LoggerFactory.getLogger(SiteKeyClients.class);

    private SiteKeyClients() {
    }

    /**
     * A consumer without a group: every reader assigns itself the whole topic and reads it from the beginning, and
     * commits nothing. It never creates the topic: that is {@code TopicSetup}'s, with compaction.
     */
    static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A new or revoked key must be seen within a second or two.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
        KafkaClientSecurity.current().applyTo(props);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** An idempotent producer (acks=all) whose sends fail within {@code timeout} when Kafka is not there. */
    static KafkaProducer<String, SiteKey> producer(String bootstrapServers, String clientId, Duration timeout) {
        int ms = (int) timeout.toMillis();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms);
        KafkaClientSecurity.current().applyTo(props);
        return new KafkaProducer<>(props, Topics.SITE_KEYS.keySerde().serializer(), Topics.SITE_KEYS.valueSerde().serializer());
    }

    static Properties admin(String bootstrapServers, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return KafkaClientSecurity.current().applyTo(props);
    }

    /**
     * The key a record holds: empty for a tombstone (the key was deleted) or for a record that is not a site key,
     * which is logged and skipped so that one bad record cannot stop ingest from reading the others.
     */
    static Optional<SiteKey> decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            SiteKey key = Json.read(record.value(), SiteKey.class);
            if (record.key() != null && !record.key().equals(key.keyId())) {
                LOG.warn("skipped the record at offset {} of {}: its Kafka key {} is not its keyId {}",
                        record.offset(), record.topic(), record.key(), key.keyId());
                return Optional.empty();
            }
            return Optional.of(key);
        } catch (RuntimeException e) {
            LOG.warn("skipped the record at offset {} of {}: not a site key ({})", record.offset(), record.topic(), e.getMessage());
            return Optional.empty();
        }
    }
}
