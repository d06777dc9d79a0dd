package dev.threadguard.sink;

import dev.threadguard.sink.consume.SinkConsumer;
import dev.threadguard.sink.http.HealthReport;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The sink's health, answered from memory so {@code GET /health} never waits on the database: a
 * background probe asks the database every {@link #PROBE_EVERY}; the database counts as up while its
 * last answer is younger than {@link #FRESH_FOR} (a probe that hangs, as on a dropped network, turns it
 * down too). The consumer counts as up while it is in its group with its assignment and storing works.
 */
final class SinkHealth implements Supplier<HealthReport>, AutoCloseable {
    static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    static final Duration FRESH_FOR = Duration.ofSeconds(3);

    private final BooleanSupplier databaseAnswers;
    private final Supplier<SinkConsumer.Status> consumer;
    private final ScheduledExecutorService prober;
    private volatile long lastAnswerNanos;
    private volatile boolean lastProbeFailed = true;

    SinkHealth(BooleanSupplier databaseAnswers, Supplier<SinkConsumer.Status> consumer) {
        this.databaseAnswers = databaseAnswers;
        this.consumer = consumer;
        this.lastAnswerNanos = System.nanoTime() - FRESH_FOR.toNanos() - 1;
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sink-health-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Probes once now (so the first answer is known) and then in the background. */
    SinkHealth start() {
        probe();
        prober.scheduleWithFixedDelay(this::probe, PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void probe() {
        boolean ok;
        try {
            ok = databaseAnswers.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        lastProbeFailed = !ok;
        if (ok) {
            lastAnswerNanos = System.nanoTime();
        }
    }

    @Override
    public HealthReport get() {
        long age = System.nanoTime() - lastAnswerNanos;
        String database = null;
        if (lastProbeFailed || age > FRESH_FOR.toNanos()) {
            database = "PostgreSQL has not answered for " + Math.max(1, age / 1_000_000_000) + " s";
        }
        SinkConsumer.Status status = consumer.get();
        return HealthReport.of(database, status.reason(), status.partitions());
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
