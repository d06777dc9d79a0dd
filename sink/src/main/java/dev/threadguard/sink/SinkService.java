package dev.threadguard.sink;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.config.Env;
import dev.threadguard.config.ServiceHandle;
import dev.threadguard.config.Settings;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.metrics.ServiceMetrics;
import dev.threadguard.sink.dashboard.Dashboard;
import dev.threadguard.sink.metrics.LiveSamples;
import dev.threadguard.sink.metrics.SinkMetrics;
import dev.threadguard.sink.store.DashboardStore;
import dev.threadguard.sink.consume.Batching;
import dev.threadguard.sink.consume.SinkConsumer;
import dev.threadguard.sink.decisions.DecisionIntake;
import dev.threadguard.sink.decisions.DecisionPublisher;
import dev.threadguard.config.Env;
import dev.threadguard.sink.auth.Auth;
import dev.threadguard.sink.auth.AuthConfig;
import dev.threadguard.sink.http.SinkRoutes;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.Database;
import dev.threadguard.sink.store.DecisionStore;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
    /** How often a start that waits for PostgreSQL says so. */
    static final Duration DATABASE_REPORT_EVERY = Duration.ofSeconds(30);

    private final SinkConfig config;
    private final HikariDataSource pool;
    private final CommentStore store;
    private final SinkConsumer consumer;
    private final DecisionPublisher publisher;
    private final Javalin http;
    private final LiveSamples samples;
    private final ServiceMetrics metrics;
    private final SinkHealth health;
    private Auth auth;
    private Optional<String> generatedAdminPassword = Optional.empty();

    private SinkService(SinkConfig config, HikariDataSource pool, CommentStore store, SinkConsumer consumer,
            DecisionPublisher publisher, Javalin http, LiveSamples samples, ServiceMetrics metrics, SinkHealth health) {
        this.config = config;
        this.pool = pool;
        this.store = store;
        this.consumer = consumer;
        this.publisher = publisher;
        this.http = http;
        this.samples = samples;
        this.metrics = metrics;
        this.health = health;
    }

    /** {@link #start(SinkConfig, AuthConfig)} with the logins configured from the process environment. */
    public static SinkService start(SinkConfig config) {
        return start(config, AuthConfig.fromEnv(Env.system()));
    }

    /**
     * Waits for PostgreSQL while it cannot be reached ({@link Database#poolWhenReachable}), migrates the schema,
     * creates the first admin on a first start ({@link AuthConfig}), creates missing topics, starts the consumer and
     * the HTTP server; returns once all run.
     */
    public static SinkService start(SinkConfig config, AuthConfig authConfig) {
        LOG.info("starting sink with {}", config);
        HikariDataSource pool = Database.poolWhenReachable(config.databaseUrl(), config.databaseUser(),
                config.databasePassword(), config.dbPoolSize(), DATABASE_REPORT_EVERY);
        SinkConsumer consumer = null;
        LiveSamples samples = null;
        SinkHealth health = null;
        ServiceMetrics serviceMetrics = ServiceMetrics.create("sink");
        SinkMetrics metrics = new SinkMetrics(serviceMetrics);
        // Unique per instance: two sinks sharing a transactional id would fence each other off.
        DecisionPublisher publisher = new DecisionPublisher(config.bootstrapServers(),
                config.groupId() + "-decisions-" + UUID.randomUUID());
        try {
            Database.migrate(pool);
            TopicSetup.ensureTopics(config.bootstrapServers(), config.topicPartitions(), config.topicReplication());
            CommentStore store = new CommentStore(pool, config.policy(), metrics);
            consumer = SinkConsumer.start(config.bootstrapServers(), config.groupId(),
                    SinkInstance.id(Settings.SINK_INSTANCE_ID.read(Env.system()), config.port()), store, metrics,
                    Batching.fromEnv(Env.system()));
            SinkConsumer started = consumer;
            health = new SinkHealth(store::reachable, started::status).start();
            Clock clock = Clock.systemUTC();
            Auth auth = new Auth(pool, authConfig, clock);
            Optional<String> generated = auth.users().seedFirstAdmin(authConfig);
            samples = LiveSamples.start(store::queueSize, () -> metrics.rowsWritten("comments"), started::lag, clock);
            metrics.bindQueueSizes(samples);
            DecisionStore decisions = new DecisionStore(pool);
            Javalin http = new SinkRoutes(store, decisions, new DecisionIntake(store, decisions, publisher, clock),
                    auth, config.policy(), config.rejectReasons(), health, clock)
                    .withMonitoring(new Dashboard(new DashboardStore(pool), samples, clock), serviceMetrics)
                    .server()
                    .start(config.port());
            SinkService service = new SinkService(config, pool, store, consumer, publisher, http, samples,
                    serviceMetrics, health);
            service.auth = auth;
            service.generatedAdminPassword = generated;
            LOG.info("{}", service.describe());
            return service;
        } catch (RuntimeException e) {
            if (health != null) {
                health.close();
            }
            if (samples != null) {
                samples.close();
            }
            if (consumer != null) {
                consumer.close();
            }
            publisher.close();
            pool.close();
            serviceMetrics.close();
            throw e;
        }
    }

    /** The HTTP port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return http.port();
    }

    @Override
    public String describe() {
        return "sink: HTTP on port " + port() + " (review page at /, dashboard at /dashboard.html, threads, review queue,"
                + " decisions, audit, health, metrics),"
                + " group " + config.groupId()
                + ", Kafka " + config.bootstrapServers();
    }

    /** Logins: users, sessions (tests and the launcher create users through it). */
    public Auth auth() {
        return auth;
    }

    /**
     * The password generated for {@code admin} on this first start, to be shown once ({@code up}, {@code demo});
     * empty when users existed, {@code THREADGUARD_ADMIN_PASSWORD} was given, or generating was not asked for.
     */
    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    /** This service's metrics, as {@code GET /metrics} serves them. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    @Override
    public boolean healthy() {
        return health.get().up();
    }

    @Override
    public void close() {
        // Reverse order of start: stop taking requests, then stop writing, then release the database.
        http.stop();
        health.close();
        publisher.close();
        consumer.close();
        samples.close();
        pool.close();
        metrics.close();
        LOG.info("sink stopped");
    }
}
