package dev.threadguard.ingest.auth;

import dev.threadguard.contract.SiteKey;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creating, listing and revoking site keys on {@link Topics#SITE_KEYS}: what {@code threadguard keys} does, and how
 * ingest writes its seed key. Every running ingest instance picks a change up within about a second.
 *
 * <p>Errors: {@link IllegalStateException} with a message for a person when Kafka does not answer within the
 * timeout; {@link IllegalArgumentException} for a bad site name or an unknown key id.
 */
public final class SiteKeyAdmin {
    private final String bootstrapServers;
    private final short replication;
    private final Duration timeout;
    private final Clock clock;

    /** A key as created: {@code key} is the secret, shown this once and stored nowhere. */
    public record CreatedKey(SiteKey siteKey, String key) {
    }

    /**
     * @param replication replication of the key topic if this creates it ({@code TOPIC_REPLICATION})
     * @param timeout     longest any step waits for Kafka
     */
    public SiteKeyAdmin(String bootstrapServers, short replication, Duration timeout, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.replication = replication;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Creates a new key for {@code site} (which may already have others: that is how keys are rotated). */
    public CreatedKey create(String site) {
        if (site == null || !SiteKey.SITE_NAME.matcher(site).matches()) {
            throw new IllegalArgumentException("a site name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a "
                    + "letter or digit; got " + site);
        }
        ensureTopic();
        String key = SiteKeyTokens.newKey();
        SiteKey siteKey = new SiteKey(SiteKeyTokens.newKeyId(), site, SiteKeyTokens.hash(key), clock.instant(), null);
        write(bootstrapServers, siteKey, timeout);
        return new CreatedKey(siteKey, key);
    }

    /** Every key on the topic, oldest first, revoked ones included; empty when the topic does not exist yet. */
    public List<SiteKey> list() {
        Map<String, SiteKey> keys = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = SiteKeyClients.consumer(bootstrapServers, "threadguard-keys-cli")) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.SITE_KEYS.name(), timeout);
            if (partitions == null || partitions.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw unreachable(null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        keys.remove(record.key());
                    } else {
                        SiteKeyClients.decode(record).ifPresent(k -> keys.put(k.keyId(), k));
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unreachable(e);
        } catch (KafkaException e) {
            // An ACL that does not let this principal read the topic, for one.
            throw new IllegalStateException("Kafka at " + bootstrapServers + " refused to let us read topic "
                    + Topics.SITE_KEYS.name() + ": " + e.getMessage(), e);
        }
        return keys.values().stream().sorted(Comparator.comparing(SiteKey::createdAt)).toList();
    }

    /**
     * Revokes the key {@code keyId}: ingest refuses it from then on. Revoking a revoked key changes nothing.
     *
     * @return the key as revoked
     */
    public SiteKey revoke(String keyId) {
        SiteKey key = list().stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no site key " + keyId + " (see `threadguard keys list`)"));
        if (!key.active()) {
            return key;
        }
        SiteKey revoked = key.revoked(clock.instant());
        write(bootstrapServers, revoked, timeout);
        return revoked;
    }

    /** Writes one key's record and waits until Kafka has it (acks=all). */
    static void write(String bootstrapServers, SiteKey key, Duration timeout) {
        try (KafkaProducer<String, SiteKey> producer = SiteKeyClients.producer(bootstrapServers, "threadguard-site-keys", timeout)) {
            producer.send(new ProducerRecord<>(Topics.SITE_KEYS.name(), key.keyId(), key))
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing site key " + key.keyId(), e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not take site key " + key.keyId()
                    + " within " + timeout.toSeconds() + " s: is it running? (KAFKA_BOOTSTRAP_SERVERS names it)", e);
        }
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(SiteKeyClients.admin(bootstrapServers, timeout))) {
            admin.createTopics(List.of(TopicSetup.siteKeys(replication))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(e);
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " refused to create topic "
                        + Topics.SITE_KEYS.name() + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + Topics.SITE_KEYS.name(), e);
        } catch (TimeoutException | KafkaException e) {
            throw unreachable(e);
        }
    }

    private IllegalStateException unreachable(Exception cause) {
        return new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds()
                + " s: is it running? Start it (`threadguard up`) or set KAFKA_BOOTSTRAP_SERVERS to a running one", cause);
    }
}
