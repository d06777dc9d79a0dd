package dev.threadguard.moderation;

import dev.threadguard.config.Env;
import dev.threadguard.config.ServiceHandle;
import dev.threadguard.config.Settings;
import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.metrics.ServiceMetrics;
import dev.threadguard.moderation.errors.DeadLetterDeserializationHandler;
import dev.threadguard.moderation.errors.DeadLetterProcessingHandler;
import dev.threadguard.moderation.metrics.ModerationMetrics;
import dev.threadguard.moderation.metrics.ProducedRecordsInterceptor;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moderation stage as a running Kafka Streams application.
 *
 * <p>Poison records: a record that cannot be deserialized (not JSON, or an event that breaks the
 * contract) is handled by {@link DeadLetterDeserializationHandler}, a record that makes a processor throw
 * by {@link DeadLetterProcessingHandler}. Both write the record's original key and value to {@code comments.dlq}
 * (in the same transaction under exactly-once) with the error in the headers of
 * {@link dev.threadguard.contract.DeadLetter} (a code, a one-line message, where it was read; no stack trace),
 * then go on with the next record.
 *
 * <p>Operations: {@code GET /health} and {@code GET /metrics} on {@code MODERATION_PORT} ({@link ModerationHttp}).
 * Kafka Streams' own metrics come from Micrometer's {@link KafkaStreamsMetrics}; verdicts, event-time lag and
 * dead letters are counted on the producers ({@link ProducedRecordsInterceptor}), detector time in the
 * processors; each instance has its own registry ({@link ModerationMetrics}).
 */
public final class ModerationService implements ServiceHandle {
    private static final Logger LOG = LoggerFactory.getLogger(ModerationService.class);
    /** How often a start that has not reached RUNNING yet says so; it is not a time-out (see {@link #start}). */
    private static final Duration START_REPORT_EVERY = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ModerationConfig config;
    private final KafkaStreams streams;
    private final ServiceMetrics metrics;
    private final Javalin http;

    private ModerationService(ModerationConfig config, KafkaStreams streams, ServiceMetrics metrics, Javalin http) {
        this.config = config;
        this.streams = streams;
        this.metrics = metrics;
        this.http = http;
    }

    /** Creates the topics if needed, starts the Streams app and returns once it is RUNNING. */
    public static ModerationService start(ModerationConfig config) {
        return start(config, StreamsTuning.fromEnv(Env.system()));
    }

    /**
     * Starts the service with the given Streams tuning: a launcher that knows more than the environment (one instance
     * by construction, so no standby can be placed) passes its own.
     */
    public static ModerationService start(ModerationConfig config, StreamsTuning tuning) {
        TopicSetup.ensureTopics(config.bootstrapServers(), config.topicPartitions(), config.topicReplication());
        Topology topology = ModerationTopology.build(config, inputPartitions(config));
        LOG.debug("moderation topology:\n{}", topology.describe());
        ServiceMetrics metrics = ServiceMetrics.create("moderation");
        KafkaStreams streams = new KafkaStreams(topology,
                streamsProperties(config, tuning, new ModerationMetrics(metrics, Clock.systemUTC())));
        Javalin http;
        try {
            // Before the Streams client starts: the orchestrator sees 503 on /health while it is starting.
            http = ModerationHttp.start(config.port(), ModerationHealth.of(streams::state), metrics);
        } catch (RuntimeException e) {
            streams.close(CLOSE_TIMEOUT);
            metrics.close();
            throw e;
        }
        // Its consumers' records-lag per partition, thread and task metrics; new ones (after a rebalance) are
        // picked up by the binder's periodic refresh.
        metrics.bind(new KafkaStreamsMetrics(streams));
        CompletableFuture<Void> running = new CompletableFuture<>();
        streams.setStateListener((newState, oldState) -> {
            LOG.info("moderation streams state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.RUNNING) {
                running.complete(null);
            } else if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                running.completeExceptionally(new IllegalStateException("moderation streams stopped while starting: "
                        + newState));
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            // Poison records are handled before this point; what lands here is infrastructure trouble.
            LOG.error("moderation stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        // Not on a stream thread inside its first transaction (see ModelPreload).
        ModelPreload.run(config.detectors());
        streams.start();
        ModerationService service = new ModerationService(config, streams, metrics, http);
        awaitRunning(service, running, config);
        LOG.info("moderation service running: {}", service.describe());
        return service;
    }

    /**
     * Waits until the Streams client is RUNNING, however long that takes, and says every minute that it is still
     * waiting. No time-out on purpose: restoring large stores, or a loaded machine after a kill -9 (a fresh JVM, its
     * models, a rejoin, its corrupted tasks restored from their changelogs), can take minutes, and a process that gave
     * up and was restarted would begin all of that again (CI once saw three 90 s starts in a row end that way). Until
     * then {@code /health} answers 503, so an orchestrator sees the start and decides for itself.
     *
     * @throws IllegalStateException when the client stops (ERROR or NOT_RUNNING) before it runs, or the wait is
     *     interrupted; the service is closed first
     */
    private static void awaitRunning(ModerationService service, CompletableFuture<Void> running,
            ModerationConfig config) {
        long started = System.nanoTime();
        // A SIGTERM during a long start closes the client cleanly (its tasks checkpointed), as it would once running;
        // whoever started the service installs its own hook after this returns.
        Thread closeOnExit = new Thread(service::close, "moderation-close-while-starting");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        try {
            while (true) {
                try {
                    running.get(START_REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException e) {
                    LOG.warn("moderation streams not RUNNING yet after {} s (state {}, Kafka at {}); still waiting, "
                            + "/health answers 503 meanwhile", (System.nanoTime() - started) / 1_000_000_000L,
                            service.streams.state(), config.bootstrapServers());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    service.close();
                    throw new IllegalStateException("interrupted while starting the moderation service", e);
                } catch (ExecutionException e) {
                    service.close();
                    throw new IllegalStateException("moderation service stopped while starting (Kafka at "
                            + config.bootstrapServers() + ", state " + service.streams.state() + ")", e.getCause());
                }
            }
        } finally {
            removeHook(closeOnExit);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it closes the service
        }
    }

    /**
     * The partition count both input topics have, so that records their producer already keyed and partitioned by
     * articleId skip the repartition; 0 when the two differ (the thread stage needs them co-partitioned: then every
     * record goes through the repartition topics, as before).
     */
    static int inputPartitions(ModerationConfig config) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(KafkaClientSecurity.current().applyTo(props))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.ARTICLES.name(),
                    Topics.COMMENTS_SUBMITTED.name())).allTopicNames().get(30, TimeUnit.SECONDS);
            int articles = topics.get(Topics.ARTICLES.name()).partitions().size();
            int comments = topics.get(Topics.COMMENTS_SUBMITTED.name()).partitions().size();
            if (articles != comments) {
                LOG.warn("{} has {} partitions and {} has {}: every input record is repartitioned by articleId; give "
                        + "both the same count to skip that for records already keyed by it", Topics.ARTICLES.name(),
                        articles, Topics.COMMENTS_SUBMITTED.name(), comments);
                return 0;
            }
            return comments;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the input topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe the input topics on " + config.bootstrapServers(), e);
        }
    }

    /**
     * The Streams settings of the service with its metrics: the processors and the producer interceptor find
     * {@code metrics} under {@link ModerationMetrics#CONFIG_KEY}.
     */
    static Properties streamsProperties(ModerationConfig config, StreamsTuning tuning, ModerationMetrics metrics) {
        Properties props = streamsProperties(config);
        // Threads, standbys, commit interval, linger and RocksDB memory: what each trades is in StreamsTuning.
        tuning.applyTo(props);
        recovery(props, GroupInstance.id(Settings.MODERATION_INSTANCE_ID.read(Env.system()), config.stateDir()));
        props.put(ModerationMetrics.CONFIG_KEY, metrics);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                ProducedRecordsInterceptor.class.getName());
        return props;
    }

    /**
     * Settings for a fast return after a restart. Static membership: a restarted instance (after a kill -9
     * too) rejoins under the same {@code group.instance.id}, takes over its old member's tasks at once and
     * fences it, instead of the group waiting out the old member's session timeout (41-44 s measured
     * before, with the client's 45 s). Its EOS producer keeps its transactional id (the process id lives in the
     * state folder), so its first initTransactions aborts what the killed one left open. The session timeout
     * ({@link StreamsTuning}) only decides how long the partitions of an instance that does not come back stay
     * unprocessed. The classic protocol, not KIP-848/KIP-1071: see {@link StreamsTuning}.
     */
    static void recovery(Properties props, String groupInstanceId) {
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId);
    }

    /**
     * The Streams settings a running service uses with the given tuning (threads, standbys, commit interval, producer
     * linger and backoff, timeouts, RocksDB memory), without its metrics and its static membership: for running the
     * topology elsewhere as the service runs it (the benchmark's in-process stages).
     */
    public static Properties tunedStreamsProperties(ModerationConfig config, StreamsTuning tuning) {
        Properties props = streamsProperties(config);
        tuning.applyTo(props);
        return props;
    }

    /** The Streams settings of the service; the evaluate command and topology tests use the same ones. */
    public static Properties streamsProperties(ModerationConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topicReplication());
        // Our own handlers build the dead letters (one header format with the sink's), so Streams' built-in
        // dead-letter records (errors.dead.letter.queue.topic.name, with a stack trace in a header) stay off.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        // No global stores today; set so a future global store gets the same handling (the 5.0 default).
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka Streams 4.4's partition assignor reads its settings back from the main consumer's, which lack this
        // one, and warns that it is off: passed to the main consumer too, the warning goes where it belongs.
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        return KafkaClientSecurity.current().applyTo(props);
    }

    @Override
    public String describe() {
        return "moderation: Kafka Streams app " + config.applicationId() + " on " + config.bootstrapServers()
                + ", health and metrics on port " + port()
                + " (" + Topics.COMMENTS_SUBMITTED.name() + " + " + Topics.ARTICLES.name() + " -> "
                + Topics.COMMENTS_MODERATED.name() + ", dead letters -> " + Topics.COMMENTS_DLQ.name() + ")";
    }

    @Override
    public boolean healthy() {
        return ModerationHealth.of(streams.state()).up();
    }

    /** The port of {@code GET /health} and {@code GET /metrics}; differs from the configured one when that was 0. */
    public int port() {
        return http.port();
    }

    /** This instance's metrics, as {@code GET /metrics} serves them. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        LOG.info("closing moderation service {}", config.applicationId());
        http.stop();
        // Leaving the group hands the tasks over now (a scale-down), instead of after the session timeout;
        // a restart of this instance then joins afresh, within the broker's initial rebalance delay.
        if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT))) {
            LOG.warn("moderation streams did not close within {}", CLOSE_TIMEOUT);
        }
        metrics.close();
    }
}
