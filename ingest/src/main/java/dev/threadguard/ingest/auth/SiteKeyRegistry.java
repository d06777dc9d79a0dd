package dev.threadguard.ingest.auth;

import dev.threadguard.contract.SiteKey;
import dev.threadguard.contract.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site keys every ingest instance holds in memory: read from {@link Topics#SITE_KEYS} from the beginning at
 * start, then followed by a background consumer, so a key created or revoked anywhere counts here within about a
 * second, and keys keep working while PostgreSQL, or Kafka itself, is down. {@link #loaded()} turns true once the
 * topic has been read up to its end as of the start (and, when one is configured, the seed key written).
 */
public final class SiteKeyRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteKeyRegistry.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    /** What came of {@code THREADGUARD_SITE_KEY} at start. */
    public enum SeedOutcome {
        /** No seed key configured. */
        NONE,
        /** Not decided yet: the topic is still being read, or Kafka did not take the seed yet (retried). */
        PENDING,
        /** The seed key was written: it is the key of the site {@code default}. */
        SEEDED,
        /** The topic already held this very key. */
        ALREADY_THERE,
        /** The topic already held another key of {@code default}: the seed is ignored, that key stays. */
        IGNORED
    }

    private final String bootstrapServers;
    private final Optional<String> seedKey;
    private final Duration sendTimeout;
    private final Clock clock;
    private final Map<String, SiteKey> byId = new ConcurrentHashMap<>();
    private final Map<String, SiteKey> byHash = new ConcurrentHashMap<>();
    private final CountDownLatch loadedLatch = new CountDownLatch(1);
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Thread follower;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean closed;
    private volatile SeedOutcome seedOutcome;

    private SiteKeyRegistry(String bootstrapServers, Optional<String> seedKey, Duration sendTimeout, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.seedKey = seedKey;
        this.sendTimeout = sendTimeout;
        this.clock = clock;
        this.seedOutcome = seedKey.isPresent() ? SeedOutcome.PENDING : SeedOutcome.NONE;
        this.follower = new Thread(this::follow, "ingest-site-keys");
        follower.setDaemon(true);
    }

    /**
     * Starts reading the key topic in the background; returns at once (see {@link #awaitLoaded}).
     *
     * @param seedKey     written as the key of {@code default} once the topic is read, if it holds no key for it
     * @param sendTimeout longest the seed's write waits for Kafka before it is retried
     */
    public static SiteKeyRegistry start(String bootstrapServers, Optional<String> seedKey, Duration sendTimeout) {
        SiteKeyRegistry registry = new SiteKeyRegistry(bootstrapServers, seedKey, sendTimeout, Clock.systemUTC());
        registry.follower.start();
        return registry;
    }

    /** True once the keys as of the start have been read: before that, every key would look unknown. */
    public boolean loaded() {
        return loadedLatch.getCount() == 0;
    }

    /** Waits up to {@code timeout} for {@link #loaded()}; returns it. */
    public boolean awaitLoaded(Duration timeout) {
        try {
            return loadedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The key whose hash is the hash of {@code presented}, revoked or not; empty for an unknown key. */
    public Optional<SiteKey> find(String presented) {
        if (presented.length() > SiteKeyTokens.MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(SiteKeyTokens.hash(presented)));
    }

    /** Every key known, revoked ones included. */
    public Collection<SiteKey> keys() {
        return List.copyOf(byId.values());
    }

    public SeedOutcome seedOutcome() {
        return seedOutcome;
    }

    private void follow() {
        while (!closed) {
            try (KafkaConsumer<String, byte[]> c = SiteKeyClients.consumer(bootstrapServers, "threadguard-ingest-site-keys")) {
                consumer = c;
                if (closed) {
                    return;
                }
                List<PartitionInfo> partitions = c.partitionsFor(Topics.SITE_KEYS.name(), RETRY_EVERY);
                if (partitions == null || partitions.isEmpty()) {
                    LOG.debug("topic {} does not exist yet; looking again in {} s", Topics.SITE_KEYS.name(), RETRY_EVERY.toSeconds());
                    pause();
                    continue;
                }
                List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(tps);
                c.seekToBeginning(tps);
                Map<TopicPartition, Long> end = c.endOffsets(tps, RETRY_EVERY);
                while (!closed) {
                    c.poll(POLL).forEach(this::apply);
                    if (!loaded() && tps.stream().allMatch(tp -> c.position(tp, RETRY_EVERY) >= end.get(tp))) {
                        LOG.info("read {} site keys ({} active) from {}", byId.size(), activeCount(), Topics.SITE_KEYS.name());
                        seedIfConfigured();
                        loadedLatch.countDown();
                    } else if (seedOutcome == SeedOutcome.PENDING && loaded()) {
                        seedIfConfigured();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                // Kafka down at start (metadata or offsets timed out): the keys read so far stay; try again.
                LOG.debug("reading {} failed, retrying in {} s: {}", Topics.SITE_KEYS.name(), RETRY_EVERY.toSeconds(), e.toString());
                pause();
            } catch (RuntimeException e) {
                LOG.error("reading {} failed, retrying in {} s", Topics.SITE_KEYS.name(), RETRY_EVERY.toSeconds(), e);
                pause();
            }
        }
    }

    private void pause() {
        try {
            closedLatch.await(RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                forget(record.key());
            }
            return;
        }
        SiteKeyClients.decode(record).ifPresent(this::put);
    }

    /** Applies one key's latest record; also used for a key this instance writes itself, before it reads it back. */
    void put(SiteKey key) {
        synchronized (byId) {
            SiteKey before = byId.put(key.keyId(), key);
            if (before != null && !before.hash().equals(key.hash())) {
                byHash.remove(before.hash(), before);
            }
            byHash.put(key.hash(), key);
        }
        if (loaded()) {
            LOG.info("site key {} of site {} is {}", key.keyId(), key.site(), key.active() ? "active" : "revoked");
        }
    }

    private void forget(String keyId) {
        synchronized (byId) {
            SiteKey before = byId.remove(keyId);
            if (before != null) {
                byHash.remove(before.hash(), before);
                LOG.info("site key {} of site {} was deleted", keyId, before.site());
            }
        }
    }

    long activeCount() {
        return byId.values().stream().filter(SiteKey::active).count();
    }

    /** Runs on the follower thread, so it sees the whole topic as read so far and cannot race with it. */
    private void seedIfConfigured() {
        if (seedKey.isEmpty()) {
            return;
        }
        String hash = SiteKeyTokens.hash(seedKey.get());
        SiteKey same = byHash.get(hash);
        if (same != null) {
            seedOutcome = SeedOutcome.ALREADY_THERE;
            if (!same.active() || !same.site().equals(SiteKeyConfig.DEFAULT_SITE)) {
                LOG.warn("{} is key {} of site {}, {}; it is not seeded again", SiteKeyConfig.SEED_VARIABLE, same.keyId(),
                        same.site(), same.active() ? "active" : "revoked");
            }
            return;
        }
        if (byId.values().stream().anyMatch(k -> k.site().equals(SiteKeyConfig.DEFAULT_SITE))) {
            seedOutcome = SeedOutcome.IGNORED;
            LOG.info("{} is ignored: site {} already has keys (see `threadguard keys list`)", SiteKeyConfig.SEED_VARIABLE,
                    SiteKeyConfig.DEFAULT_SITE);
            return;
        }
        // A key id derived from the key: instances starting together with the same seed write the same record.
        SiteKey key = new SiteKey("seed-" + hash.substring(0, 12), SiteKeyConfig.DEFAULT_SITE, hash, clock.instant(), null);
        try {
            SiteKeyAdmin.write(bootstrapServers, key, sendTimeout);
            put(key);
            seedOutcome = SeedOutcome.SEEDED;
            LOG.info("seeded site key {} of site {} ({})", key.keyId(), key.site(), SiteKeyConfig.SEED_VARIABLE);
        } catch (RuntimeException e) {
            LOG.warn("could not write the seed key from {} ({}); retrying", SiteKeyConfig.SEED_VARIABLE, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        closedLatch.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            follower.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
