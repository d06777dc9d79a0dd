package dev.threadguard.sink.metrics;

import dev.threadguard.contract.Flag;
import dev.threadguard.sink.store.QueueSize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sink sees of itself every few seconds, kept for an hour: the review queue size by flag (read from
 * PostgreSQL), the comment rows written so far and the consumer's lag. The queue size gauge reads the latest
 * sample, so a scrape never queries the database; the dashboard page draws the hour. In memory, per instance:
 * a restarted sink starts a new hour.
 */
public final class LiveSamples implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSamples.class);
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    /** One hour of samples. */
    static final int KEPT = (int) (Duration.ofHours(1).toSeconds() / INTERVAL.toSeconds());

    /**
     * One sample.
     *
     * @param queue comments awaiting a moderator, in all and by flag; null when the database did not answer
     * @param commentRows comment rows written since the sink started (a counter: its slope is the throughput)
     * @param consumerLag records the consumer is behind, summed over its partitions; null before it knows
     */
    public record Sample(Instant at, QueueSize queue, double commentRows, Long consumerLag) {
    }

    private final Supplier<QueueSize> queueSizes;
    private final DoubleSupplier commentRows;
    private final Supplier<OptionalLong> consumerLag;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>(); // guarded by itself
    private final ScheduledExecutorService scheduler;
    private volatile QueueSize latestQueue;

    private LiveSamples(Supplier<QueueSize> queueSizes, DoubleSupplier commentRows,
            Supplier<OptionalLong> consumerLag, Clock clock) {
        this.queueSizes = queueSizes;
        this.commentRows = commentRows;
        this.consumerLag = consumerLag;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "threadguard-sink-samples");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes a sample now and every {@link #INTERVAL}. */
    public static LiveSamples start(Supplier<QueueSize> queueSizes, DoubleSupplier commentRows,
            Supplier<OptionalLong> consumerLag, Clock clock) {
        LiveSamples live = new LiveSamples(queueSizes, commentRows, consumerLag, clock);
        live.scheduler.scheduleWithFixedDelay(live::sample, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return live;
    }

    void sample() {
        QueueSize queue;
        try {
            queue = queueSizes.get();
        } catch (RuntimeException e) {
            // Unknown rather than stale: a gauge that keeps its last value hides an outage.
            LOG.debug("review queue size not read: {}", e.getMessage());
            queue = null;
        }
        latestQueue = queue;
        OptionalLong lag = consumerLag.get();
        Sample sample = new Sample(clock.instant(), queue, commentRows.getAsDouble(),
                lag.isPresent() ? lag.getAsLong() : null);
        synchronized (samples) {
            samples.addLast(sample);
            while (samples.size() > KEPT) {
                samples.removeFirst();
            }
        }
    }

    /** The latest queue size of {@code flag}; NaN before the first read or while the database does not answer. */
    public double queueSize(Flag flag) {
        QueueSize queue = latestQueue;
        Long size = queue == null ? null : queue.byFlag().get(flag);
        return size == null ? Double.NaN : size;
    }

    /** The last hour's samples, oldest first. */
    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
