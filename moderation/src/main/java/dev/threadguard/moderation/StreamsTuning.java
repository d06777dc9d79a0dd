package dev.threadguard.moderation;

import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import java.time.Duration;
import java.util.Properties;
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
 * </ul>
 */
public record StreamsTuning(int streamThreads, int standbyReplicas, Duration commitInterval, int rocksDbMemoryMb) {
    static final int LINGER_MS = 5;
    static final int RETRY_BACKOFF_MS = 10;
    static final long POLL_MS = 10;

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
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(BoundedRocksDbMemory.MEMORY_CONFIG, (long) rocksDbMemoryMb << 20);
    }
}
