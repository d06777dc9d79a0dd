package dev.threadguard.sink.consume;

import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.contract.Topics;
import dev.threadguard.sink.metrics.SinkMetrics;
import dev.threadguard.sink.store.Change;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Collection;
import java.util.Optional;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads articles, moderated comments and moderators' decisions into the database on its own thread.
 *
 * <p>Records are stored in batches ({@link Batching}: up to {@code SINK_BATCH_RECORDS}, polling up to
 * {@code SINK_BATCH_MAX_WAIT_MS} to fill one), each in one transaction, then poison records go to the
 * dead-letter topic, then the offsets are committed: a crash anywhere before the commit replays the
 * batch, which the idempotent upserts absorb. When storing fails for a reason that may pass (the database is down),
 * nothing is committed, the consumer seeks back to where the poll started (the last committed
 * offsets) and tries again after a growing pause.
 */
public final class SinkConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 10_000;
    private static final long DEAD_LETTER_TIMEOUT_S = 30;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);
    /** A loop that has not come back to poll for this long is stuck (its longest pause is MAX_BACKOFF_MS). */
    private static final long STUCK_AFTER_NANOS = Duration.ofSeconds(30).toNanos();

    private final Consumer<String, byte[]> consumer;
    private final DeadLetters deadLetters;
    private final CommentStore store;
    private final SinkMetrics metrics;
    private final Batching batching;
    /** The records polled and not stored yet; the rebalance listener drops those of revoked partitions. */
    private final Batch batch = new Batch();
    private final Thread thread;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile boolean working = true;
    /** Set by the rebalance listener: in a stable group (owning {@link #partitions}, maybe none) or not. */
    private volatile boolean inGroup;
    private volatile int partitions;
    private volatile long lastPollNanos = System.nanoTime();
    /** Records behind the end of the assigned partitions after the last poll; -1 while unknown. */
    private volatile long lag = -1;

    private SinkConsumer(Consumer<String, byte[]> consumer, DeadLetters deadLetters, CommentStore store,
            SinkMetrics metrics, Batching batching) {
        this.consumer = consumer;
        this.batching = batching;
        this.deadLetters = deadLetters;
        this.store = store;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "threadguard-sink-consumer");
    }

    public static SinkConsumer start(String bootstrapServers, String groupId, CommentStore store, SinkMetrics metrics) {
        return start(bootstrapServers, groupId, Optional.empty(), store, metrics, Batching.DEFAULT);
    }

    public static SinkConsumer start(String bootstrapServers, String groupId, Optional<String> groupInstanceId,
            CommentStore store, SinkMetrics metrics) {
        return start(bootstrapServers, groupId, groupInstanceId, store, metrics, Batching.DEFAULT);
    }

    /**
     * @param groupInstanceId the static membership id ({@code group.instance.id}), stable across restarts of this
     *     instance and unique among the running ones; empty for dynamic membership
     * @param batching how many records one transaction stores at most, and how long to wait to fill it
     */
    public static SinkConsumer start(String bootstrapServers, String groupId, Optional<String> groupInstanceId,
            CommentStore store, SinkMetrics metrics, Batching batching) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-consumer");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new sink builds its read model from the whole history of the topics.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batching.maxRecords());
        KafkaClientSecurity.current().applyTo(props);
        // A restarted instance (after a kill -9 too) rejoins under its static id and gets its partitions
        // back at once, fencing its dead predecessor, instead of the group waiting out the session timeout
        // (~40 s measured before). The session timeout now only bounds how long the partitions of an
        // instance that does not come back stay unread. The classic protocol, not KIP-848: there a static
        // member rejoining before the broker saw its predecessor leave is refused (UNRELEASED_INSTANCE_ID).
        groupInstanceId.ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        DeadLetters deadLetters = DeadLetters.create(bootstrapServers, groupId + "-dlq");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        SinkConsumer sink = new SinkConsumer(consumer, deadLetters, store, metrics, batching);
        metrics.bind(consumer);
        sink.thread.start();
        return sink;
    }

    /** False while storing fails and the consumer is waiting to retry, and once its thread has ended. */
    public boolean healthy() {
        return status().reason() == null;
    }

    /**
     * The consumer's part of the sink's health, from in-memory state only (no request to Kafka).
     *
     * @param inGroup    the group's last rebalance gave this consumer its assignment (possibly empty)
     * @param partitions how many partitions it owns
     * @param reason     why it does not do its work; null while it does
     */
    public record Status(boolean inGroup, int partitions, String reason) {
    }

    public Status status() {
        boolean joined = inGroup;
        int owned = partitions;
        String reason = null;
        if (!thread.isAlive()) {
            reason = "the consumer has stopped";
        } else if (!joined) {
            reason = "not in the consumer group: no partitions assigned yet (joining or rebalancing)";
        } else if (!working) {
            reason = "storing fails; retrying";
        } else if (System.nanoTime() - lastPollNanos > STUCK_AFTER_NANOS) {
            reason = "the consumer has not polled for " + (System.nanoTime() - lastPollNanos) / 1_000_000_000 + " s";
        }
        return new Status(joined, owned, reason);
    }

    /** How many records the consumer is behind on its partitions, as of its last poll; empty while unknown. */
    public OptionalLong lag() {
        long known = lag;
        return known < 0 ? OptionalLong.empty() : OptionalLong.of(known);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(),
                    Topics.DECISIONS.name()), new AssignmentTracker());
            long backoffMs = FIRST_BACKOFF_MS;
            while (stopRequested.getCount() > 0) {
                try {
                    batch.add(consumer.poll(POLL_TIMEOUT));
                    lastPollNanos = System.nanoTime();
                    fill();
                    if (!batch.isEmpty()) {
                        process();
                    }
                    lag = currentLag();
                    working = true;
                    backoffMs = FIRST_BACKOFF_MS;
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    working = false;
                    LOG.warn("could not store {} records, retrying in {} ms: {}", batch.count(), backoffMs,
                            e.getMessage());
                    rewind();
                    if (stopRequested.await(backoffMs, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("sink consumer stopped", e);
        } finally {
            working = false;
            inGroup = false;
            // Leaving hands the partitions over now (a scale-down) instead of after the session timeout;
            // a static member would otherwise stay in the group.
            try {
                consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            } catch (RuntimeException e) {
                LOG.warn("error while closing the consumer: {}", e.getMessage());
            }
            closeQuietly(deadLetters);
            LOG.info("sink consumer closed");
        }
    }

    /**
     * Takes what the consumer already holds, until the batch is full, a poll finds nothing more, or
     * {@link Batching#maxWait()} has passed since the batch got its first records. Never waits for records still to
     * come: moderation's commits make verdicts visible in bursts, so under a trickle the burst in hand is all there is
     * and waiting only added the wait to every comment's latency (20 ms by default); under load the polls keep
     * finding records and the batches still fill.
     */
    private void fill() {
        if (batch.isEmpty() || batching.maxWait().isZero()) {
            return;
        }
        long deadline = System.nanoTime() + batching.maxWait().toNanos();
        while (batch.count() < batching.maxRecords() && deadline - System.nanoTime() > 0
                && stopRequested.getCount() > 0) {
            ConsumerRecords<String, byte[]> more = consumer.poll(Duration.ZERO);
            lastPollNanos = System.nanoTime();
            if (more.isEmpty()) {
                return;
            }
            batch.add(more);
        }
    }

    private void process() {
        List<Decoded> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch.records()) {
            try {
                accepted.add(new Decoded(record, RecordDecoder.decode(record)));
            } catch (PoisonRecordException e) {
                if (DeadLetters.reportsUnreadable(record.topic())) {
                    rejected.add(new Rejected(record, e.getMessage()));
                } else {
                    LOG.info("skipping unreadable {}-{}@{} (moderation dead-letters it): {}", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                }
            }
        }
        store(accepted, rejected);
        sendToDeadLetters(rejected);
        consumer.commitSync(batch.nextOffsets());
        batch.clear();
        if (LOG.isDebugEnabled()) {
            accepted.forEach(d -> LOG.debug("stored {} from {}-{}@{}", d.change().describe(),
                    d.record().topic(), d.record().partition(), d.record().offset()));
        }
        // Every batch at DEBUG (a busy sink stores dozens a second); one with dead-lettered records at WARN, since an
        // operator has records to look at on the dead-letter topic.
        if (!rejected.isEmpty()) {
            LOG.warn("stored {} records, sent {} to {}", accepted.size() - countRejectedByDatabase(rejected),
                    rejected.size(), Topics.COMMENTS_DLQ.name());
        } else {
            LOG.debug("stored {} records", accepted.size());
        }
    }

    private void store(List<Decoded> accepted, List<Rejected> rejected) {
        List<Change> changes = accepted.stream().map(Decoded::change).toList();
        try {
            store.apply(changes);
        } catch (StoreException e) {
            if (!e.rejectsData()) {
                throw e;
            }
            // One record the database refuses (e.g. a NUL character in a body) must not block the others
            // forever: store them one by one and dead-letter only those refused.
            LOG.warn("the database refused a record of this poll, storing them one by one: {}", e.getMessage());
            for (Decoded d : accepted) {
                try {
                    store.apply(List.of(d.change()));
                } catch (StoreException single) {
                    if (!single.rejectsData()) {
                        throw single;
                    }
                    LOG.warn("the database refused {}: {}", d.change().describe(), single.getMessage());
                    rejected.add(new Rejected(d.record(), "the database refused the record: " + single.getMessage(), true));
                }
            }
        }
    }

    private void sendToDeadLetters(List<Rejected> rejected) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Rejected r : rejected) {
            ConsumerRecord<String, byte[]> rec = r.record();
            LOG.warn("dead-lettering {}-{}@{} (key {}): {}", rec.topic(), rec.partition(), rec.offset(), rec.key(),
                    r.error());
            sent.add(deadLetters.send(rec, r.error()));
        }
        // Committing before the broker has them would lose them.
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(DEAD_LETTER_TIMEOUT_S, TimeUnit.SECONDS);
                metrics.deadLettered(rejected.get(i).record().topic());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing to " + Topics.COMMENTS_DLQ.name(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot write to " + Topics.COMMENTS_DLQ.name() + ": " + e, e);
            }
        }
    }

    /** Summed over the assigned partitions whose lag the consumer knows (from its last fetch; no request). */
    private long currentLag() {
        long sum = 0;
        boolean known = false;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(tp);
            if (partitionLag.isPresent()) {
                sum += partitionLag.getAsLong();
                known = true;
            }
        }
        return known ? sum : -1;
    }

    /** Back to the first record of the failed batch: that is the last committed offset of each partition. */
    private void rewind() {
        // A partition revoked meanwhile (a failed commit during a rebalance) is now someone else's.
        var assigned = consumer.assignment();
        batch.firstOffsets().forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
        batch.clear();
    }

    private static long countRejectedByDatabase(List<Rejected> rejected) {
        return rejected.stream().filter(Rejected::byDatabase).count();
    }

    @Override
    public void close() {
        stopRequested.countDown();
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("sink consumer did not stop within 30 s");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("error while closing {}: {}", closeable.getClass().getSimpleName(), e.getMessage());
        }
    }

    /** Keeps the health's view of the group membership current; runs on the consumer's thread, inside poll. */
    private final class AssignmentTracker implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            // Called before a rebalance hands partitions over; until it completes the group is not stable.
            partitions = consumer.assignment().size() - revoked.size();
            batch.drop(revoked);
            if (!revoked.isEmpty()) {
                inGroup = false;
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            partitions = consumer.assignment().size();
            inGroup = true;
            LOG.info("in the consumer group with {} partitions", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            inGroup = false;
            partitions = 0;
            batch.drop(lost);
            LOG.info("lost {} partitions; rejoining the consumer group", lost.size());
        }
    }

    private record Decoded(ConsumerRecord<String, byte[]> record, Change change) {
    }

    private record Rejected(ConsumerRecord<String, byte[]> record, String error, boolean byDatabase) {
        Rejected(ConsumerRecord<String, byte[]> record, String error) {
            this(record, error, false);
        }
    }
}
