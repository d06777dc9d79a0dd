package dev.threadguard.sink;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.config.ServiceHandle;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.sink.consume.SinkConsumer;
import dev.threadguard.sink.http.HealthReport;
import dev.threadguard.sink.http.SinkRoutes;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.Database;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink: stores articles and moderated comments in PostgreSQL and serves threads, the review queue
 * and health over HTTP.
 */
public final class SinkService implements ServiceHandle {
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);

    private final SinkConfig config;
    private final HikariDataSource pool;
    private final CommentStore store;
    private final SinkConsumer consumer;
    private final Javalin http;

    private SinkService(SinkConfig config, HikariDataSource pool, CommentStore store, SinkConsumer consumer,
            Javalin http) {
        this.config = config;
        this.pool = pool;
        this.store = store;
        this.consumer = consumer;
        this.http = http;
    }

    /** Migrates the schema, creates missing topics, starts the consumer and the HTTP server; returns once all run. */
    public static SinkService start(SinkConfig config) {
        LOG.info("starting sink with {}", config);
        HikariDataSource pool = Database.pool(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
                config.dbPoolSize());
        SinkConsumer consumer = null;
        try {
            Database.migrate(pool);
            TopicSetup.ensureTopics(config.bootstrapServers(), config.topicPartitions(), config.topicReplication());
            CommentStore store = new CommentStore(pool);
            consumer = SinkConsumer.start(config.bootstrapServers(), config.groupId(), store);
            SinkConsumer started = consumer;
            Javalin http = new SinkRoutes(store, () -> HealthReport.of(store.reachable(), started.healthy()))
                    .server()
                    .start(config.port());
            SinkService service = new SinkService(config, pool, store, consumer, http);
            LOG.info("{}", service.describe());
            return service;
        } catch (RuntimeException e) {
            if (consumer != null) {
                consumer.close();
            }
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
        return "sink: HTTP on port " + port() + " (threads, review queue, health), group " + config.groupId()
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
        consumer.close();
        pool.close();
        LOG.info("sink stopped");
    }
}
