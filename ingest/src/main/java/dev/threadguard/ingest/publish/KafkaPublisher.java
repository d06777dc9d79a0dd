package dev.threadguard.ingest.publish;

import dev.threadguard.contract.ProducerSettings;
import dev.threadguard.contract.Topics.Topic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each request in one Kafka transaction, so a batch is committed whole or not at all and
 * read_committed consumers never see half of it. A small pool of transactional producers lets
 * requests publish in parallel (a producer runs one transaction at a time).
 */
public final class KafkaPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

    private final String bootstrapServers;
    private final Duration sendTimeout;
    private final KafkaStatus status;
    private final int producers;
    private final BlockingQueue<Slot> idle;
    private final PublishMetrics metrics;

    /**
     * One place in the pool. Its transactional id outlives the producer in it: the replacement of a
     * failed producer reuses the id, and its initTransactions() aborts whatever the failed one left open.
     */
    private static final class Slot {
        final String transactionalId;
        Producer<byte[], byte[]> producer; // only touched by the thread that took the slot
        KafkaClientMetrics producerMetrics; // likewise; null while producer is

        Slot(String transactionalId) {
            this.transactionalId = transactionalId;
        }
    }

    public KafkaPublisher(String bootstrapServers, int producers, Duration sendTimeout, KafkaStatus status, PublishMetrics metrics) {
        this.bootstrapServers = bootstrapServers;
        this.metrics = metrics;
        this.sendTimeout = sendTimeout;
        this.status = status;
        this.producers = producers;
        this.idle = new ArrayBlockingQueue<>(producers);
        String instance = UUID.randomUUID().toString();
        for (int n = 0; n < producers; n++) {
            idle.add(new Slot("threadguard-ingest-" + instance + "-" + n));
        }
    }

    /** A record for {@code topic}, serialised by the topic's own serdes. */
    public static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    /**
     * Commits all records in one transaction, or none of them.
     *
     * @throws KafkaUnavailableException when Kafka did not commit within the send timeout
     * @throws RecordTooLargeException when a record exceeds Kafka's size limit
     */
    public void publish(List<ProducerRecord<byte[], byte[]>> records) {
        if (!status.topicsReady()) {
            metrics.failed(null, PublishMetrics.Error.NOT_READY);
            throw new KafkaUnavailableException("Kafka at " + bootstrapServers + " is not reachable yet", null);
        }
        if (!status.reachable()) {
            // Known to be down (the last probe or transaction failed): refuse now rather than make the
            // client wait out the send timeout for the same answer.
            metrics.failed(null, PublishMetrics.Error.KAFKA_UNAVAILABLE);
            throw new KafkaUnavailableException("Kafka at " + bootstrapServers + " is not reachable", null);
        }
        Slot slot = take();
        Timer.Sample sample = metrics.start();
        try {
            if (slot.producer == null) {
                slot.producer = newProducer(slot.transactionalId);
                slot.producerMetrics = metrics.bind(slot.producer);
                slot.producer.initTransactions();
            }
            slot.producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : records) {
                slot.producer.send(record);
            }
            // Flushes every send and fails if any of them failed.
            slot.producer.commitTransaction();
            metrics.committed(sample, records);
            status.markReachable();
        } catch (RuntimeException e) {
            discard(slot, e);
            RecordTooLargeException tooLarge = causeOfType(e, RecordTooLargeException.class);
            if (tooLarge != null) {
                metrics.failed(sample, PublishMetrics.Error.RECORD_TOO_LARGE);
                throw tooLarge;
            }
            if (e instanceof KafkaException) {
                status.suspect();
                metrics.failed(sample, PublishMetrics.Error.KAFKA_UNAVAILABLE);
                throw new KafkaUnavailableException("Kafka at " + bootstrapServers + " did not commit the transaction: "
                        + rootCause(e).getMessage(), e);
            }
            metrics.failed(sample, PublishMetrics.Error.OTHER);
            throw e;
        } finally {
            idle.add(slot);
        }
    }

    private Slot take() {
        try {
            Slot slot = idle.poll(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (slot == null) {
                metrics.failed(null, PublishMetrics.Error.PRODUCERS_BUSY);
                throw new KafkaUnavailableException("all " + producers + " Kafka producers stayed busy for "
                        + sendTimeout.toMillis() + " ms", null);
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.failed(null, PublishMetrics.Error.OTHER);
            throw new KafkaUnavailableException("interrupted while waiting for a Kafka producer", e);
        }
    }

    /** A producer whose transaction failed is in an unknown state; a fresh one takes its slot on next use. */
    private void discard(Slot slot, RuntimeException cause) {
        LOG.warn("transaction {} failed, replacing its producer: {}", slot.transactionalId, rootCause(cause).toString());
        if (slot.producer != null) {
            unbind(slot);
            // Zero: the broker aborts the open transaction when the replacement starts or it times out.
            slot.producer.close(Duration.ZERO);
            slot.producer = null;
        }
    }

    private Producer<byte[], byte[]> newProducer(String transactionalId) {
        return new KafkaProducer<>(ProducerSettings.transactional(bootstrapServers, transactionalId, sendTimeout),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Kafka wraps the reason (a timeout, a refused connection) in "error state" exceptions; the reason is what helps. */
    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public void close() {
        Slot slot;
        while ((slot = idle.poll()) != null) {
            if (slot.producer != null) {
                unbind(slot);
                slot.producer.close(sendTimeout);
            }
        }
    }

    /** The producer's client metrics leave with it, and a replacement registers its own. */
    private void unbind(Slot slot) {
        if (slot.producerMetrics != null) {
            metrics.unbind(slot.producerMetrics);
            slot.producerMetrics = null;
        }
    }
}
