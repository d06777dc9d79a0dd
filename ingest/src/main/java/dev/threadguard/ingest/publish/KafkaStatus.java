package dev.threadguard.ingest.publish;

import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.contract.TopicSetup;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Kafka is there for the ingest: reachable and holding the pipeline's topics. The service
 * starts even while Kafka is down, answering 503 until the topics exist, so that containers may start
 * in any order; it must not publish before that, or the broker could auto-create a topic with the wrong
 * partition count.
 *
 * <p>Reachability is answered from memory, never by a request on the caller's thread: a committed
 * transaction proves Kafka is there ({@link #markReachable}); a failed one ({@link #suspect}) and a
 * state older than {@link #FRESH_FOR} make a background probe (a cluster lookup) ask again, every
 * {@link #PROBE_EVERY} while Kafka stays away. So {@code /health} answers at once, and while Kafka is
 * known to be down requests are refused at once instead of each waiting out the send timeout.
 */
public final class KafkaStatus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStatus.class);
    /** A "reachable" older than this is checked again in the background (it still counts meanwhile). */
    private static final long FRESH_FOR = Duration.ofSeconds(3).toNanos();
    private static final Duration PROBE_EVERY = Duration.ofMillis(500);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final int partitions;
    private final short replication;
    private final Duration checkTimeout;
    private final Admin admin;
    private final ScheduledExecutorService retries;
    private final ScheduledExecutorService prober;
    private volatile boolean topicsReady;
    private volatile boolean lastReachable;
    private volatile long lastCheckNanos;
    private volatile boolean suspected;

    private KafkaStatus(String bootstrapServers, int partitions, short replication, Duration checkTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.replication = replication;
        this.checkTimeout = checkTimeout;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) checkTimeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) checkTimeout.toMillis());
        KafkaClientSecurity.current().applyTo(props);
        this.admin = Admin.create(props);
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-topic-setup");
            t.setDaemon(true);
            return t;
        });
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-kafka-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sets up the topics now if Kafka answers, otherwise keeps trying in the background.
     *
     * @throws IllegalStateException when Kafka answers but refuses the topics (a configuration error)
     */
    public static KafkaStatus start(String bootstrapServers, int partitions, short replication, Duration checkTimeout) {
        KafkaStatus status = new KafkaStatus(bootstrapServers, partitions, replication, checkTimeout);
        try {
            status.check();
            status.prober.scheduleWithFixedDelay(status::probeIfDue, PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (status.reachable()) {
                status.ensureTopics();
            } else {
                LOG.warn("Kafka at {} is not reachable; answering 503 until it is", bootstrapServers);
                status.retryLater();
            }
        } catch (RuntimeException e) {
            status.close();
            throw e;
        }
        return status;
    }

    public boolean topicsReady() {
        return topicsReady;
    }

    /**
     * Whether Kafka answered the last probe or committed the last transaction; from memory, at once.
     * False also while Kafka is known to be down: publishing then fails without waiting.
     */
    public boolean reachable() {
        return lastReachable;
    }

    /** A committed transaction proves Kafka is there; saves the next probe a round trip. */
    public void markReachable() {
        lastReachable = true;
        lastCheckNanos = System.nanoTime();
        suspected = false;
    }

    /** A transaction failed: Kafka may be gone. The next background probe (within {@link #PROBE_EVERY}) asks. */
    public void suspect() {
        suspected = true;
    }

    private void probeIfDue() {
        if (suspected || !lastReachable || System.nanoTime() - lastCheckNanos > FRESH_FOR) {
            check();
        }
    }

    private void check() {
        suspected = false;
        boolean answered = describeCluster();
        if (answered != lastReachable) {
            LOG.info("Kafka at {} is {}", bootstrapServers, answered ? "reachable again" : "not reachable; answering 503");
        }
        lastReachable = answered;
        lastCheckNanos = System.nanoTime();
    }

    private boolean describeCluster() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) checkTimeout.toMillis()))
                    .clusterId().get(checkTimeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Kafka at {} did not answer: {}", bootstrapServers, e.toString());
            return false;
        }
    }

    private void ensureTopics() {
        TopicSetup.ensureTopics(bootstrapServers, partitions, replication);
        topicsReady = true;
        LOG.info("topics ready on Kafka at {} ({} partitions, replication {})", bootstrapServers, partitions, replication);
    }

    private void retryLater() {
        try {
            retries.schedule(this::retry, RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("closed; no more topic setup attempts");
        }
    }

    private void retry() {
        try {
            if (reachable()) {
                ensureTopics();
                return;
            }
            LOG.info("Kafka at {} is still not reachable; retrying in {} s", bootstrapServers, RETRY_EVERY.toSeconds());
        } catch (RuntimeException e) {
            LOG.error("cannot set up topics on Kafka at {}: {}", bootstrapServers, e.getMessage());
        }
        retryLater();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        prober.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
