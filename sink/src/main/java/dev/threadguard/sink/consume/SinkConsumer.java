package dev.threadguard.sink.consume;

import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.contract.Topics;
import dev.threadguard.sink.metrics.SinkMetrics;
import dev.threadguard.sink.store.Change;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 * <p>Each poll is stored in one transaction, then poison records go to the dead-letter topic, then
 * the offsets are committed: a crash anywhere before the commit replays the poll, which the
 * idempotent upserts absorb. When storing fails for a reason that may pass (the database is down),
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
            SinkMetrics metrics) {
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.store = store;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "threadguard-sink-consumer");
    }

    public static SinkConsumer start(String bootstrapServers, String groupId, CommentStore store, SinkMetrics metrics) {
        return start(bootstrapServers, groupId, Optional.empty(), store, metrics);
    }

    /**
     * @param groupInstanceId the static membership id ({@code group.instance.id}), stable across restarts of this
     *     instance and unique among the running ones; empty for dynamic membership
     */
    public static SinkConsumer start(String bootstrapServers, String groupId, Optional<String> groupInstanceId,
            CommentStore store, SinkMetrics metrics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-consumer");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new sink builds its read model from the whole history of the topics.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
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
        SinkConsumer sink = new SinkConsumer(consumer, deadLetters, store, metrics);
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
                ConsumerRecords<String, byte[]> records = ConsumerRecords.empty();
                try {
                    records = consumer.poll(POLL_TIMEOUT);
                    lastPollNanos = System.nanoTime();
                    if (!records.isEmpty()) {
                        process(records);
                    }
                    lag = currentLag();
                    working = true;
                    backoffMs = FIRST_BACKOFF_MS;
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    working = false;
                    LOG.warn("could not store {} records, retrying in {} ms: {}", records.count(), backoffMs,
                            e.getMessage());
                    rewind(records);
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

    private void process(ConsumerRecords<String, byte[]> records) {
        List<Decoded> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
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
        consumer.commitSync(nextOffsets(records));
        if (LOG.isDebugEnabled()) {
            accepted.forEach(d -> LOG.debug("stored {} from {}-{}@{}", d.change().describe(),
                    d.record().topic(), d.record().partition(), d.record().offset()));
        }
        LOG.info("stored {} records, sent {} to {}", accepted.size() - countRejectedByDatabase(rejected),
                rejected.size(), Topics.COMMENTS_DLQ.name());
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

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** Back to the first record of the failed poll: that is the last committed offset of each partition. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        // A partition revoked meanwhile (a failed commit during a rebalance) is now someone else's.
        var assigned = consumer.assignment();
        for (TopicPartition tp : records.partitions()) {
            if (assigned.contains(tp)) {
                consumer.seek(tp, records.records(tp).get(0).offset());
            }
        }
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
