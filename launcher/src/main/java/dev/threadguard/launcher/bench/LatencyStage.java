package dev.threadguard.launcher.bench;

import dev.threadguard.contract.Comment;
import dev.threadguard.launcher.faults.IngestClient;
import dev.threadguard.launcher.faults.Pause;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * A fixed rate of single POSTs to {@code /api/comments}, each comment due at its own time (open loop), and
 * two latencies in HdrHistogram: the POST, from the time it was due (so a request that waited for a free
 * sender counts its wait: no coordinated omission), and accept → stored, from its 202 to the time its final verdict
 * was stored in PostgreSQL (the sink's transaction time; a provisional verdict, revised later, does not count: see
 * {@link BenchServices#finalAt}). A comment still not stored when the settle
 * time runs out counts with the time it has waited so far, a lower bound, and is reported. Sending stops half the
 * planned duration after its end (at least 10 s): a service that cannot take the rate would otherwise stretch the
 * stage without bound (64 senders at a POST latency of a second send 64 comments/s); the comments still unsent then
 * are reported as {@code notSent}, and the latencies hold only the comments that were sent.
 */
final class LatencyStage {
    /** Latencies in ms; {@code notStored}: accepted, not stored when the settle time ran out. */
    record Result(long sent, long notSent, long accepted, long notStored, double achievedPerSecond,
            Histogram storedMicros, Histogram postMicros) {
    }

    private LatencyStage() {
    }

    static Result run(BenchServices services, List<Comment> comments, String idPrefix, double rate, int concurrency,
            Duration settle, LongConsumer progress) throws Exception {
        Histogram post = new Histogram(3_600_000_000L, 3);
        Histogram stored = new Histogram(3_600_000_000L, 3);
        Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-latency");
            t.setDaemon(true);
            return t;
        });
        IngestClient client = services.client();
        long start = System.nanoTime();
        double plannedSeconds = comments.size() / rate;
        long stopSending = start + (long) ((plannedSeconds + Math.max(10, plannedSeconds / 2)) * 1e9);
        AtomicLong notSent = new AtomicLong();
        try {
            for (int w = 0; w < concurrency; w++) {
                pool.execute(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < comments.size()) {
                        if (System.nanoTime() > stopSending) {
                            notSent.incrementAndGet();
                            continue;
                        }
                        long due = start + (long) (i * 1e9 / rate);
                        Pause.millis((due - System.nanoTime()) / 1_000_000);
                        Comment c = comments.get(i).withPostedAt(Instant.now());
                        try {
                            BenchServices.post(client, "/api/comments", c);
                            acceptedAt.put(c.commentId(), Instant.now());
                            synchronized (post) {
                                post.recordValue(Math.max(0, (System.nanoTime() - due) / 1_000));
                            }
                        } catch (Exception e) {
                            if (e instanceof InterruptedException) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                            // counted below as sent but not accepted
                        }
                        done.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(500, TimeUnit.MILLISECONDS)) {
                progress.accept(done.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + settle.toNanos();
        Map<String, Instant> rows;
        try (Connection db = services.connect()) {
            while (services.finalCount(db, idPrefix) < acceptedAt.size() && System.nanoTime() < deadline) {
                Pause.millis(250);
            }
            rows = services.finalAt(db, idPrefix);
        }
        Instant end = Instant.now();
        long notStored = 0;
        for (Map.Entry<String, Instant> a : acceptedAt.entrySet()) {
            Instant at = rows.get(a.getKey());
            if (at == null) {
                notStored++;
                at = end;
            }
            stored.recordValue(Math.max(0, Duration.between(a.getValue(), at).toNanos() / 1_000));
        }
        return new Result(comments.size() - notSent.get(), notSent.get(), acceptedAt.size(), notStored,
                acceptedAt.size() / loadSeconds, stored, post);
    }
}
