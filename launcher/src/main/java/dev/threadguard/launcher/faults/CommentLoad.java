package dev.threadguard.launcher.faults;

import dev.threadguard.contract.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Sends {@code comments} comments, one per request, at most {@code rate} per second and
 * {@code concurrency} at a time, as a site would: a 503 or no answer is retried with the same comment
 * (same id, same text, same posting time) until a 202 or a 4xx, or until {@link #GIVE_UP_AFTER}.
 * A few comments are reposts (the same author and text under another article), the duplicates moderation
 * should flag, each naming an earlier comment. With {@code helpShare} above 0 that share of the comments open with a
 * help request, which the default (hybrid) off-topic check always judges twice: a provisional verdict, then the
 * second-opinion stage's, so the faults hit that stage too (the harness sets it when the full detector runs).
 */
final class CommentLoad {
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final double REPOST_SHARE = 0.03;
    private static final int AUTHORS = 300;

    private final IngestClient client;
    private final Ledger ledger;
    private final List<String> articleIds;
    private final long seed;
    private final int comments;
    private final double rate;
    private final int concurrency;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicReferenceArray<Map<String, Object>> bodies;
    private final String runId;
    private final double helpShare;

    CommentLoad(IngestClient client, Ledger ledger, List<String> articleIds, long seed, int comments, double rate,
            int concurrency, String runId, double helpShare) {
        this.client = client;
        this.ledger = ledger;
        this.articleIds = articleIds;
        this.seed = seed;
        this.comments = comments;
        this.rate = rate;
        this.concurrency = concurrency;
        this.bodies = new AtomicReferenceArray<>(comments);
        this.runId = runId;
        this.helpShare = helpShare;
    }

    int sent() {
        return Math.min(next.get(), comments);
    }

    int done() {
        return done.get();
    }

    /** Sends everything; returns when every comment is answered or given up. */
    void run() throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "faults-load");
            t.setDaemon(true);
            return t;
        });
        long startNanos = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < comments && !Thread.currentThread().isInterrupted()) {
                    long due = startNanos + (long) (i * 1e9 / rate);
                    Pause.millis((due - System.nanoTime()) / 1_000_000);
                    send(i);
                    done.incrementAndGet();
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    }

    private void send(int i) {
        Random random = new Random(seed * 1_000_003L + i);
        String commentId = "c-" + runId + "-" + i;
        String articleId = articleIds.get(random.nextInt(articleIds.size()));
        String author = "reader-" + random.nextInt(AUTHORS);
        String body = Texts.words(random, 14, 32) + " (" + commentId + ")";
        // Drawn only when asked for, so that the words-only run's comments stay the ones its seed always gave.
        if (helpShare > 0 && random.nextDouble() < helpShare) {
            body = "Can anyone help? My " + Texts.words(random, 2, 2) + " stopped working after the "
                    + Texts.words(random, 1, 1) + ". " + body;
        }
        // A repost of a comment sent well before (so its body is known): same author and text, another thread.
        if (i > 4 * concurrency && random.nextDouble() < REPOST_SHARE) {
            Map<String, Object> original = bodies.get(random.nextInt(i - 2 * concurrency));
            if (original != null) {
                author = (String) original.get("author");
                body = (String) original.get("body");
                String other = articleIds.get(random.nextInt(articleIds.size()));
                articleId = other.equals(original.get("articleId")) ? articleIds.get((articleIds.indexOf(other) + 1)
                        % articleIds.size()) : other;
            }
        }
        Instant postedAt = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("commentId", commentId);
        json.put("articleId", articleId);
        json.put("author", author);
        json.put("body", body);
        json.put("postedAt", postedAt.toString());
        bodies.set(i, json);
        Ledger.Sent sent = new Ledger.Sent(commentId, articleId, author, postedAt);
        ledger.record(sent);
        byte[] payload = Json.write(json);

        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        long backoffMs = 200;
        while (System.nanoTime() < giveUp) {
            long start = System.nanoTime();
            try {
                int status = client.post("/api/comments", payload);
                ledger.answered(sent, status, start, System.nanoTime());
                if (status == 202 || (status >= 400 && status < 500 && status != 429)) {
                    return;
                }
            } catch (IOException e) {
                ledger.noAnswer.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Pause.millis(backoffMs);
            backoffMs = Math.min(backoffMs * 2, 2_000);
        }
        ledger.gaveUp.incrementAndGet();
    }
}
