package dev.threadguard.ingest.publish;

import dev.threadguard.contract.ProducerSettings;
import dev.threadguard.contract.Topics.Topic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each request's records all or nothing in a Kafka transaction, so read_committed consumers never see
 * half a request. Requests that arrive while a transaction is being committed wait in one queue, and the next free
 * producer commits all of them together in one transaction (group commit): a transaction costs the same two round
 * trips to the broker (the sends, then the commit with its markers) for one record as for hundreds, so one per
 * request capped ingest at producers ÷ commit time (2 ÷ 40–70 ms under load: 30–50 single comments a second, POSTs
 * queued for seconds at 100 a second), while a group costs each request at most one commit's wait. An idle ingest
 * commits each request alone at once: no lingering for company. A small pool of producers, each on its own thread,
 * commits groups in parallel (a producer runs one transaction at a time).
 *
 * <p>A request is in a group's transaction, or in none: one whose caller stopped waiting before a producer took it
 * (the send timeout) is dropped from the queue, answered 503 and never published; once taken, the caller waits for
 * the transaction's outcome (bounded by the producer's own timeouts). When a group fails because one of its records
 * is too large, each of its requests is retried alone, so only the request that carries it fails.
 */
public final class KafkaPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    /**
     * Records one transaction takes at most, unless a single request has more: larger groups commit fewer times
     * under a flood, but every request in a group waits until its last record is sent.
     */
    static final int MAX_GROUP_RECORDS = 1_000;
    private static final long IDLE_POLL_MS = 100;

    private final String bootstrapServers;
    private final Duration sendTimeout;
    private final KafkaStatus status;
    private final int producers;
    private final BlockingDeque<Request> pending = new LinkedBlockingDeque<>();
    private final List<Thread> committers = new ArrayList<>();
    private final List<Slot> slots = new ArrayList<>();
    private final PublishMetrics metrics;
    private volatile boolean closed;

    /**
     * One place in the pool. Its transactional id outlives the producer in it: the replacement of a
     * failed producer reuses the id, and its initTransactions() aborts whatever the failed one left open.
     */
    private static final class Slot {
        final String transactionalId;
        Producer<byte[], byte[]> producer; // only touched by the slot's committer thread, then by close()
        KafkaClientMetrics producerMetrics; // likewise; null while producer is

        Slot(String transactionalId) {
            this.transactionalId = transactionalId;
        }
    }

    /** One request's records and its caller's wait: WAITING until a committer takes it or the caller gives up. */
    private static final class Request {
        static final int WAITING = 0;
        static final int TAKEN = 1;
        static final int ABANDONED = 2;

        final List<ProducerRecord<byte[], byte[]>> records;
        final Timer.Sample sample;
        final CompletableFuture<Void> outcome = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(WAITING);

        Request(List<ProducerRecord<byte[], byte[]>> records, Timer.Sample sample) {
            this.records = records;
            this.sample = sample;
        }
    }

    /** Starts {@code producers} committer threads; each makes its producer on first use. */
    public KafkaPublisher(String bootstrapServers, int producers, Duration sendTimeout, KafkaStatus status, PublishMetrics metrics) {
        this.bootstrapServers = bootstrapServers;
        this.metrics = metrics;
        this.sendTimeout = sendTimeout;
        this.status = status;
        this.producers = producers;
        String instance = UUID.randomUUID().toString();
        for (int n = 0; n < producers; n++) {
            Slot slot = new Slot("threadguard-ingest-" + instance + "-" + n);
            slots.add(slot);
            Thread committer = new Thread(() -> commitGroups(slot), "ingest-publisher-" + n);
            committer.setDaemon(true);
            committers.add(committer);
            committer.start();
        }
    }

    /** A record for {@code topic}, serialised by the topic's own serdes. */
    public static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    /**
     * Commits all records in one transaction, or none of them; returns once they are committed.
     *
     * @throws KafkaUnavailableException when Kafka did not commit within the send timeout, or no producer was free
     *     for it
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
        if (closed) {
            metrics.failed(null, PublishMetrics.Error.OTHER);
            throw new KafkaUnavailableException("ingest is stopping", null);
        }
        Request request = new Request(records, metrics.start());
        pending.addLast(request);
        try {
            await(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (request.state.compareAndSet(Request.WAITING, Request.ABANDONED)) {
                metrics.failed(null, PublishMetrics.Error.OTHER);
            }
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
        }
    }

    private void await(Request request) throws InterruptedException {
        try {
            try {
                request.outcome.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (request.state.compareAndSet(Request.WAITING, Request.ABANDONED)) {
                    metrics.failed(null, PublishMetrics.Error.PRODUCERS_BUSY);
                    throw new KafkaUnavailableException("all " + producers + " Kafka producers stayed busy for "
                            + sendTimeout.toMillis() + " ms", null);
                }
                // In a transaction already: its outcome comes within the producer's own timeouts (the send timeout).
                request.outcome.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new KafkaUnavailableException("publishing failed: " + e.getCause(), e.getCause());
        }
    }

    /** A committer's loop: takes the oldest waiting request and every one behind it that fits, and commits them. */
    private void commitGroups(Slot slot) {
        try {
            while (!closed) {
                Request first = pending.pollFirst(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null || !first.state.compareAndSet(Request.WAITING, Request.TAKEN)) {
                    continue;
                }
                List<Request> group = new ArrayList<>();
                group.add(first);
                int records = first.records.size();
                Request next;
                while (records < MAX_GROUP_RECORDS && (next = pending.pollFirst()) != null) {
                    if (records + next.records.size() > MAX_GROUP_RECORDS) {
                        pending.addFirst(next); // the next group's first
                        break;
                    }
                    if (next.state.compareAndSet(Request.WAITING, Request.TAKEN)) {
                        group.add(next);
                        records += next.records.size();
                    }
                }
                try {
                    commit(slot, group);
                } catch (RuntimeException e) {
                    // Not Kafka's failure (commit answers those): no caller may wait forever, nor the committer stop.
                    LOG.error("publishing a group of {} requests failed", group.size(), e);
                    group.forEach(r -> r.outcome.completeExceptionally(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One transaction for the group's records; each request learns the outcome. */
    private void commit(Slot slot, List<Request> group) {
        try {
            if (slot.producer == null) {
                slot.producer = newProducer(slot.transactionalId);
                slot.producerMetrics = metrics.bind(slot.producer);
                slot.producer.initTransactions();
            }
            slot.producer.beginTransaction();
            for (Request request : group) {
                for (ProducerRecord<byte[], byte[]> record : request.records) {
                    slot.producer.send(record);
                }
            }
            // Flushes every send and fails if any of them failed.
            slot.producer.commitTransaction();
            status.markReachable();
            metrics.transactionCommitted();
            for (Request request : group) {
                metrics.committed(request.sample, request.records);
                request.outcome.complete(null);
            }
        } catch (RuntimeException e) {
            discard(slot, e);
            RecordTooLargeException tooLarge = causeOfType(e, RecordTooLargeException.class);
            if (tooLarge != null && group.size() > 1) {
                // One request's record sank the group: the others are not to fail for it.
                for (Request request : group) {
                    commit(slot, List.of(request));
                }
                return;
            }
            RuntimeException failure;
            PublishMetrics.Error error;
            if (tooLarge != null) {
                failure = tooLarge;
                error = PublishMetrics.Error.RECORD_TOO_LARGE;
            } else if (e instanceof KafkaException) {
                status.suspect();
                failure = new KafkaUnavailableException("Kafka at " + bootstrapServers + " did not commit the transaction: "
                        + rootCause(e).getMessage(), e);
                error = PublishMetrics.Error.KAFKA_UNAVAILABLE;
            } else {
                failure = e;
                error = PublishMetrics.Error.OTHER;
            }
            for (Request request : group) {
                metrics.failed(request.sample, error);
                request.outcome.completeExceptionally(failure);
            }
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

    /**
     * Lets the transactions in progress finish (within the send timeout), fails the requests still waiting with
     * {@link KafkaUnavailableException}, and closes the producers.
     */
    @Override
    public void close() {
        closed = true;
        for (Thread committer : committers) {
            try {
                committer.join(sendTimeout.toMillis() + IDLE_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Request left;
        while ((left = pending.pollFirst()) != null) {
            if (left.state.compareAndSet(Request.WAITING, Request.TAKEN)) {
                metrics.failed(left.sample, PublishMetrics.Error.OTHER);
                left.outcome.completeExceptionally(new KafkaUnavailableException("ingest is stopping", null));
            }
        }
        for (Slot slot : slots) {
            if (slot.producer != null) {
                unbind(slot);
                slot.producer.close(sendTimeout);
                slot.producer = null;
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
