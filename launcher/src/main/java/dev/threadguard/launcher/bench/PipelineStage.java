package dev.threadguard.launcher.bench;

import dev.threadguard.contract.Comment;
import dev.threadguard.launcher.faults.IngestClient;
import dev.threadguard.launcher.faults.Pause;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * The whole pipeline as fast as it goes: the comments POSTed to {@code /api/comments/batch} in batches, a few
 * requests in flight, until every one is a row in PostgreSQL with its final verdict (a provisional verdict's
 * revision stored).
 */
final class PipelineStage {
    /**
     * @param seconds       from the first POST to the last final verdict stored
     * @param ingestSeconds from the first POST to the last 202
     */
    record Result(long comments, double seconds, double ingestSeconds) {
        double perSecond() {
            return seconds > 0 ? comments / seconds : 0;
        }

        double ingestPerSecond() {
            return ingestSeconds > 0 ? comments / ingestSeconds : 0;
        }
    }

    private PipelineStage() {
    }

    static Result run(BenchServices services, List<Comment> comments, String idPrefix, int batchSize, int concurrency,
            Duration stall, LongConsumer progress) throws Exception {
        List<List<Comment>> batches = new ArrayList<>();
        for (int i = 0; i < comments.size(); i += batchSize) {
            batches.add(comments.subList(i, Math.min(comments.size(), i + batchSize)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-ingest");
            t.setDaemon(true);
            return t;
        });
        try (Connection db = services.connect()) {
            IngestClient client = services.client();
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> senders = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                senders.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < batches.size()) {
                        BenchServices.post(client, "/api/comments/batch", batches.get(b));
                    }
                    return null;
                }));
            }
            // Fails when no more comment is stored with its final verdict for `stall`: stuck, not slow.
            long deadline = start + stall.toNanos();
            long ingestEnd = -1;
            long stored = 0;
            while (System.nanoTime() < deadline) {
                if (ingestEnd < 0 && senders.stream().allMatch(Future::isDone)) {
                    for (Future<?> f : senders) {
                        f.get(); // a failed POST fails the stage
                    }
                    ingestEnd = System.nanoTime();
                }
                services.requireAlive();
                long now = services.finalCount(db, idPrefix); // judged finally: see BenchServices.finalCount
                if (now > stored) {
                    deadline = System.nanoTime() + stall.toNanos();
                }
                stored = now;
                progress.accept(stored);
                if (stored >= comments.size() && ingestEnd > 0) {
                    long end = System.nanoTime();
                    return new Result(comments.size(), (end - start) / 1e9, (ingestEnd - start) / 1e9);
                }
                Pause.millis(200);
            }
            throw new BenchFailure("pipeline: " + stored + " of " + comments.size() + " comments stored, and none for " + stall);
        } finally {
            pool.shutdownNow();
        }
    }
}
