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
 * Whether Kafka is there for the ingest: reachable (a cheap, cached cluster lookup) and holding the
 * pipeline's topics. The service starts even while Kafka is down, answering 503 until the topics
 * exist, so that containers may start in any order; it must not publish before that, or the broker
 * could auto-create a topic with the wrong partition count.
 */
public final class KafkaStatus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStatus.class);
    /** Health probes come every few seconds; within this window they reuse the last answer. */
    private static final long CACHE_NANOS = Duration.ofSeconds(3).toNanos();
    private static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final int partitions;
    private final short replication;
    private final Duration checkTimeout;
    private final Admin admin;
    private final ScheduledExecutorService retries;
    private volatile boolean topicsReady;
    private boolean lastReachable; // guarded by this
    private long lastCheckNanos; // guarded by this
    private boolean checked; // guarded by this

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
    }

    /**
     * Sets up the topics now if Kafka answers, otherwise keeps trying in the background.
     *
     * @throws IllegalStateException when Kafka answers but refuses the topics (a configuration error)
     */
    public static KafkaStatus start(String bootstrapServers, int partitions, short replication, Duration checkTimeout) {
        KafkaStatus status = new KafkaStatus(bootstrapServers, partitions, replication, checkTimeout);
        try {
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

    /** True when the cluster answered a metadata request within the check timeout, recently. */
    public synchronized boolean reachable() {
        long now = System.nanoTime();
        if (!checked || now - lastCheckNanos > CACHE_NANOS) {
            lastReachable = describeCluster();
            lastCheckNanos = System.nanoTime();
            checked = true;
        }
        return lastReachable;
    }

    /** A committed transaction proves Kafka is there; saves the next health probe a round trip. */
    public synchronized void markReachable() {
        lastReachable = true;
        lastCheckNanos = System.nanoTime();
        checked = true;
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
        admin.close(Duration.ofSeconds(1));
    }
}
