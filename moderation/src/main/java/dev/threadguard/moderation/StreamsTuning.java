package dev.threadguard.moderation;

import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How a moderation instance runs Kafka Streams, and what each setting trades:
 * <ul>
 *   <li>{@code num.stream.threads} = {@code streamThreads} (default: one per available core): a task is processed by
 *       one thread, so threads beyond the number of input partitions stay idle; more partitions than threads leaves
 *       room to add instances later (partitions cannot be added without moving threads' keys, so size them for
 *       growth: a few per core of the largest deployment you expect).</li>
 *   <li>{@code num.standby.replicas} = {@code standbyReplicas} (default 1): each task's stores are also kept
 *       up to date on another instance, which takes the task over without restoring the changelogs when its
 *       instance fails; costs that instance's disk and the changelog reads. With one instance no standby is
 *       placed (Streams never puts a standby on the active task's own instance).</li>
 *   <li>{@code commit.interval.ms} = {@code commitInterval} (default 30 ms; Streams' exactly-once default is 100 ms):
 *       downstream stages read committed records only, so each of the three to four stages a comment passes adds
 *       up to one interval of latency; a shorter one costs one transaction (its markers on every partition written)
 *       per thread and interval.</li>
 *   <li>{@code poll.ms} = 10 (Streams' default: 100): a stream thread commits only between polls, and a poll
 *       blocks up to this long while no input comes; so under light traffic a record processed less than one commit
 *       interval after the last commit waited for the next poll to end before its commit made it visible to the next
 *       stage: up to 100 ms per stage, three stages in a row. With 10 ms a record waits at most about one commit
 *       interval plus 10 ms. The cost: an idle thread wakes up 100 times a second instead of 10 (a poll without
 *       records is a few microseconds of CPU; the fetch requests are long polls either way).</li>
 *   <li>producer {@code linger.ms} = 5: under exactly-once the commit flushes every batch anyway; lingering only
 *       fills batches between commits, and longer than a few ms adds latency without saving requests.</li>
 *   <li>producer {@code retry.backoff.ms} = 10 (the client's default is 100): under exactly-once a transaction that
 *       begins while the previous one's markers are still being written is answered CONCURRENT_TRANSACTIONS (and,
 *       under transactions v2, a first batch may be refused as out of sequence); both are retried after this backoff,
 *       and with commits every few tens of milliseconds the default made each commit wait a tenth of a second
 *       (moderation words only, 4,000 comments: 176 → 253 comments/s with 10 ms instead of 100, same run). The cost:
 *       up to ten times as many retried requests to the broker while a commit completes.</li>
 *   <li>{@code rocksdb.config.setter} = {@link BoundedRocksDbMemory} with {@code rocksDbMemoryMb}: every store of the
 *       instance shares one block cache and one write-buffer budget, so off-heap memory is bounded however many
 *       stores and tasks it holds.</li>
 *   <li>main consumer {@code session.timeout.ms} = 6 s and {@code heartbeat.interval.ms} = 2 s (the client's defaults
 *       are 45 s and 3 s): how long the group waits for an instance that stopped without leaving (kill -9, a lost host)
 *       before its tasks move to the others. A killed instance's partitions stay unprocessed for this long; 6 s (the
 *       broker's {@code group.min.session.timeout.ms}) plus one heartbeat for the survivor to hear of the rebalance
 *       keeps a takeover under 15 s. The cost: an instance whose heartbeat thread is stalled for 6 s (a very long GC
 *       pause, a frozen VM) is dropped and rejoins, moving its tasks twice; and a restart takes its partitions back
 *       without a rebalance (static membership) only when it rejoins within the 6 s, otherwise its tasks move to the
 *       others meanwhile (with standbys that move is cheap). The heartbeat is a third of the session, as Kafka
 *       advises: two heartbeats may be lost before the member is.</li>
 *   <li>main consumer {@code max.poll.records} = 100 (Streams' default: 1000): a stream thread rejoins a rebalance
 *       only when it next polls, after processing everything its last poll returned, and the group's other threads
 *       wait for it meanwhile, holding their open transactions. At a few milliseconds per comment on a loaded 2-core
 *       machine, 1000 records kept the others waiting for seconds; 100 keeps it under a second. The cost: more polls,
 *       each a few microseconds when the fetched records are already buffered.</li>
 *   <li>producer {@code transaction.timeout.ms} = 7 s (Streams' exactly-once default: 10 s): a killed instance leaves
 *       its transaction open, and until the broker aborts it, read_committed readers of every partition it wrote to
 *       (the repartition topics the survivor reads, comments.moderated the sink reads) stop at it, and the survivor
 *       cannot fetch the committed offsets of the partitions it takes over. The broker aborts it after this timeout, at
 *       its next check ({@code transaction.abort.timed.out.transaction.cleanup.interval.ms}, default 10 s; the embedded
 *       broker checks every second): 7–17 s after the kill with a default broker, 7–8 s with the embedded one. The
 *       cost: a transaction open longer than that is aborted, its producer fenced, and its thread rejoins the group,
 *       moving tasks again. Commits come every few tens of milliseconds, but a thread waiting in a rebalance for the
 *       others to rejoin (a heartbeat interval plus their current batch of records) keeps its transaction open
 *       meanwhile. With 5 s (tried) and 1000 records per poll, moderation was seen going from RUNNING to REBALANCING
 *       every few seconds under a backlog on a loaded machine, and once not reaching RUNNING after a kill -9 in CI;
 *       that is the suspected cause, not one confirmed from logs (the fault harness now runs moderation with Streams'
 *       INFO lines and prints the telling ones when a run fails).</li>
 * </ul>
 * Why the classic rebalance protocol, not Streams' own ({@code group.protocol=streams}, KIP-1071, usable with
 * Kafka 4.4): there the session timeout and the standby count are group settings held by the broker
 * ({@code group.streams.session.timeout.ms}, whose minimum {@code group.streams.min.session.timeout.ms} is 45 s by
 * default), so a takeover within 15 s would need every broker reconfigured, not this client; and a group moves from
 * one protocol to the other only offline (every instance stopped).
 */
public record StreamsTuning(int streamThreads, int standbyReplicas, Duration commitInterval, int rocksDbMemoryMb) {
    static final int LINGER_MS = 5;
    static final int RETRY_BACKOFF_MS = 10;
    static final long POLL_MS = 10;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(7);
    static final int MAX_POLL_RECORDS = 100;

    public static StreamsTuning fromEnv(Env env) {
        return new StreamsTuning(Settings.MODERATION_STREAM_THREADS.read(env),
                Settings.MODERATION_STANDBY_REPLICAS.read(env), Settings.MODERATION_COMMIT_INTERVAL.read(env),
                Settings.MODERATION_ROCKSDB_MEMORY_MB.read(env));
    }

    public static StreamsTuning defaults() {
        return new StreamsTuning(Settings.MODERATION_STREAM_THREADS.defaultValue(),
                Settings.MODERATION_STANDBY_REPLICAS.defaultValue(), Settings.MODERATION_COMMIT_INTERVAL.defaultValue(),
                Settings.MODERATION_ROCKSDB_MEMORY_MB.defaultValue());
    }

    /**
     * The tuning from the environment for a deployment of one instance by construction ({@code up}, {@code demo}, the
     * benchmark's in-process stages): no standby unless {@code MODERATION_STANDBY_REPLICAS} is set, since Streams never
     * places a standby on its active task's own instance and asking for one only logs a warning per task at every
     * rebalance. Set, it is kept: other instances may join the same application id.
     */
    public static StreamsTuning forSingleInstance(Env env) {
        StreamsTuning tuning = fromEnv(env);
        return env.optional(Settings.MODERATION_STANDBY_REPLICAS.name()).isPresent() ? tuning
                : new StreamsTuning(tuning.streamThreads, 0, tuning.commitInterval, tuning.rocksDbMemoryMb);
    }

    /** The thread count in effect: {@code streamThreads}, or the available cores for 0. */
    public int threads() {
        return streamThreads > 0 ? streamThreads : Runtime.getRuntime().availableProcessors();
    }

    void applyTo(Properties props) {
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), LINGER_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), RETRY_BACKOFF_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) TRANSACTION_TIMEOUT.toMillis());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), MAX_POLL_RECORDS);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) SESSION_TIMEOUT.toMillis());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) HEARTBEAT_INTERVAL.toMillis());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(BoundedRocksDbMemory.MEMORY_CONFIG, (long) rocksDbMemoryMb << 20);
    }
}
