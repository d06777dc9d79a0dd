package dev.threadguard.sink.decisions;

import dev.threadguard.contract.Decision;
import dev.threadguard.contract.ProducerSettings;
import dev.threadguard.contract.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes decisions to {@code moderation.decisions}, keyed by commentId, each request in one Kafka
 * transaction: a bulk decision is committed whole or not at all, and read_committed consumers never
 * see half of it. Decisions are few; one producer, one transaction at a time, is enough.
 */
public final class DecisionPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionPublisher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final String transactionalId;
    private final Serializer<Decision> serializer = Topics.DECISIONS.valueSerde().serializer();
    private Producer<String, byte[]> producer; // guarded by this

    public DecisionPublisher(String bootstrapServers, String transactionalId) {
        this.bootstrapServers = bootstrapServers;
        this.transactionalId = transactionalId;
    }

    /** @throws DecisionsUnavailableException when Kafka did not commit the decisions in time */
    public synchronized void publish(List<Decision> decisions) {
        try {
            if (producer == null) {
                producer = newProducer();
                producer.initTransactions();
            }
            producer.beginTransaction();
            for (Decision d : decisions) {
                producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), d.commentId(),
                        serializer.serialize(Topics.DECISIONS.name(), d)));
            }
            // Flushes every send and fails if any of them failed.
            producer.commitTransaction();
        } catch (KafkaException e) {
            LOG.warn("could not publish {} decisions, replacing the producer: {}", decisions.size(), e.toString());
            // A producer whose transaction failed is in an unknown state; the next request starts a fresh
            // one with the same transactional id, whose initTransactions() aborts what this one left open.
            // newProducer() itself fails on an address that cannot be resolved: then there is none to close.
            if (producer != null) {
                producer.close(Duration.ZERO);
                producer = null;
            }
            throw new DecisionsUnavailableException("Kafka at " + bootstrapServers + " did not take the decisions: "
                    + e.getMessage(), e);
        }
    }

    private Producer<String, byte[]> newProducer() {
        return new KafkaProducer<>(ProducerSettings.transactional(bootstrapServers, transactionalId, TIMEOUT),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(TIMEOUT);
            producer = null;
        }
    }
}
