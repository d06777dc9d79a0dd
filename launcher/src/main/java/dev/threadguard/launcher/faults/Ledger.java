package dev.threadguard.launcher.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the harness sent and what ingest answered: every comment with its posting time, which were
 * accepted (202) and when, and the 503s, above all those answered while the broker was down.
 */
final class Ledger {
    /** A comment as sent; {@code acceptedNanos} is 0 until a 202 came back. */
    static final class Sent {
        final String commentId;
        final String articleId;
        final String author;
        final Instant postedAt;
        volatile long acceptedNanos;

        Sent(String commentId, String articleId, String author, Instant postedAt) {
            this.commentId = commentId;
            this.articleId = articleId;
            this.author = author;
            this.postedAt = postedAt;
        }

        boolean accepted() {
            return acceptedNanos != 0;
        }
    }

    /** The broker's outage, in System.nanoTime(); 0 while not (yet) known. */
    private volatile long brokerStoppedNanos;
    private volatile long brokerRestartingNanos;

    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    /** Accepted comments by the time of their 202, for "everything accepted before T is stored". */
    private final ConcurrentSkipListMap<Long, String> acceptedByTime = new ConcurrentSkipListMap<>();
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong noAnswer = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong gaveUp = new AtomicLong();
    /** Services that ended by themselves (not by the harness) and were started again. */
    final AtomicLong crashes = new AtomicLong();
    final AtomicLong acceptedWhileBrokerDown = new AtomicLong();
    private final List<Double> brokerDownAnswerSeconds = new ArrayList<>(); // guarded by itself

    void record(Sent comment) {
        sent.put(comment.commentId, comment);
    }

    void brokerStopped() {
        brokerStoppedNanos = System.nanoTime();
    }

    void brokerRestarting() {
        brokerRestartingNanos = System.nanoTime();
    }

    /** An attempt that began after the broker had stopped and ended before its restart began. */
    boolean duringBrokerOutage(long startNanos, long endNanos) {
        long stopped = brokerStoppedNanos;
        long restarting = brokerRestartingNanos;
        return stopped != 0 && startNanos > stopped && (restarting == 0 || endNanos < restarting);
    }

    void answered(Sent comment, int status, long startNanos, long endNanos) {
        attempts.incrementAndGet();
        boolean outage = duringBrokerOutage(startNanos, endNanos);
        if (status == 202) {
            comment.acceptedNanos = endNanos;
            acceptedByTime.put(uniqueKey(endNanos), comment.commentId);
            if (outage) {
                acceptedWhileBrokerDown.incrementAndGet();
            }
        } else if (status == 503) {
            unavailable.incrementAndGet();
            if (outage) {
                synchronized (brokerDownAnswerSeconds) {
                    brokerDownAnswerSeconds.add((endNanos - startNanos) / 1e9);
                }
            }
        } else {
            refused.incrementAndGet();
        }
    }

    private long uniqueKey(long nanos) {
        long key = nanos;
        while (acceptedByTime.putIfAbsent(key, "") != null) {
            key++;
        }
        return key;
    }

    Map<String, Sent> sent() {
        return sent;
    }

    long acceptedCount() {
        return sent.values().stream().filter(Sent::accepted).count();
    }

    /** Ids of the comments accepted before {@code nanos}. */
    List<String> acceptedBefore(long nanos) {
        return List.copyOf(acceptedByTime.headMap(nanos).values());
    }

    /** How long the 503s took that were answered while the broker was down, in seconds, sorted. */
    List<Double> brokerDownAnswerSeconds() {
        synchronized (brokerDownAnswerSeconds) {
            return brokerDownAnswerSeconds.stream().sorted().toList();
        }
    }
}
