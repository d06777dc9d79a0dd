package dev.threadguard.launcher;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends comments one at a time at a fixed pace on a thread of its own, noting when each was sent; it stops before
 * {@code heldBack} until {@link #release()}, so that some input is certain to come after a given moment whatever the
 * machine's speed.
 */
final class PacedSender implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final List<Comment> comments;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger next = new AtomicInteger();
    private final int heldBack;
    private volatile boolean released;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    private PacedSender(KafkaProducer<String, String> producer, List<Comment> comments, int heldBack) {
        this.producer = producer;
        this.comments = comments;
        this.heldBack = heldBack;
    }

    /** @param heldBack the index of the first comment sent only after {@link #release()} */
    static PacedSender start(KafkaProducer<String, String> producer, List<Comment> comments, int heldBack,
                             Duration every) {
        PacedSender sender = new PacedSender(producer, comments, heldBack);
        sender.timer.scheduleAtFixedRate(sender::sendNext, 0, every.toNanos(), TimeUnit.NANOSECONDS);
        return sender;
    }

    private void sendNext() {
        if (!released && next.get() >= heldBack) {
            return;
        }
        int i = next.getAndIncrement();
        if (i >= comments.size()) {
            producer.flush();
            timer.shutdown();
            return;
        }
        Comment c = comments.get(i);
        sentAt.put(c.commentId(), System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), null, c.postedAt().toEpochMilli(),
                c.articleId(), Json.writeString(c)));
        producer.flush();
    }

    /** Lets the comments from {@code heldBack} on go. */
    void release() {
        released = true;
    }

    /** True once every comment before {@code heldBack} was sent. */
    boolean reachedHeldBack() {
        return next.get() >= heldBack;
    }

    /** {@link System#nanoTime()} when the comment was sent; {@link Long#MAX_VALUE} if not yet. */
    long sentAt(String commentId) {
        return sentAt.getOrDefault(commentId, Long.MAX_VALUE);
    }

    boolean done() {
        return timer.isTerminated();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
