package dev.threadguard.sink;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.config.ServiceHandle;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.sink.consume.SinkConsumer;
import dev.threadguard.sink.decisions.DecisionIntake;
import dev.threadguard.sink.decisions.DecisionPublisher;
import dev.threadguard.sink.decisions.ModeratorIdentity;
import dev.threadguard.sink.http.HealthReport;
import dev.threadguard.sink.http.SinkRoutes;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.Database;
import dev.threadguard.sink.store.DecisionStore;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink: stores articles, moderated comments and moderators' decisions in PostgreSQL; serves the
 * review page, threads, the review queue, the audit trail and health over HTTP; publishes the
 * moderators' decisions to Kafka (and applies them when it reads them back).
 */
public final class SinkService implements ServiceHandle {
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);

    private final SinkConfig config;
    private final HikariDataSource pool;
    private final CommentStore store;
    private final SinkConsumer consumer;
    private final DecisionPublisher publisher;
    private final Javalin http;

    private SinkService(SinkConfig config, HikariDataSource pool, CommentStore store, SinkConsumer consumer,
            DecisionPublisher publisher, Javalin http) {
        this.config = config;
        this.pool = pool;
        this.store = store;
        this.consumer = consumer;
        this.publisher = publisher;
        this.http = http;
    }

    /** Migrates the schema, creates missing topics, starts the consumer and the HTTP server; returns once all run. */
    public static SinkService start(SinkConfig config) {
        LOG.info("starting sink with {}", config);
        HikariDataSource pool = Database.pool(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
                config.dbPoolSize());
        SinkConsumer consumer = null;
        // Unique per instance: two sinks sharing a transactional id would fence each other off.
        DecisionPublisher publisher = new DecisionPublisher(config.bootstrapServers(),
                config.groupId() + "-decisions-" + UUID.randomUUID());
        try {
            Database.migrate(pool);
            TopicSetup.ensureTopics(config.bootstrapServers(), config.topicPartitions(), config.topicReplication());
            CommentStore store = new CommentStore(pool, config.policy());
            store.applyPolicyToStoredComments();
            consumer = SinkConsumer.start(config.bootstrapServers(), config.groupId(), store);
            SinkConsumer started = consumer;
            Clock clock = Clock.systemUTC();
            Javalin http = new SinkRoutes(store, new DecisionStore(pool), new DecisionIntake(store, publisher, clock),
                    ModeratorIdentity.claimedName(), config.policy(), config.rejectReasons(),
                    () -> HealthReport.of(store.reachable(), started.healthy()), clock)
                    .server()
                    .start(config.port());
            SinkService service = new SinkService(config, pool, store, consumer, publisher, http);
            LOG.info("{}", service.describe());
            return service;
        } catch (RuntimeException e) {
            if (consumer != null) {
                consumer.close();
            }
            publisher.close();
            pool.close();
            throw e;
        }
    }

    /** The HTTP port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return http.port();
    }

    @Override
    public String describe() {
        return "sink: HTTP on port " + port() + " (review page at /, threads, review queue, decisions, audit, health),"
                + " group " + config.groupId()
                + ", Kafka " + config.bootstrapServers();
    }

    @Override
    public boolean healthy() {
        return consumer.healthy() && store.reachable();
    }

    @Override
    public void close() {
        // Reverse order of start: stop taking requests, then stop writing, then release the database.
        http.stop();
        publisher.close();
        consumer.close();
        pool.close();
        LOG.info("sink stopped");
    }
}
