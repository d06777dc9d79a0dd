package dev.threadguard.moderation;

import dev.threadguard.config.ServiceHandle;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moderation stage as a running Kafka Streams application.
 *
 * <p>Poison records: a record that cannot be deserialized (not JSON, or an event that breaks the
 * contract) is handled by {@link LogAndContinueExceptionHandler}, a record that makes a processor throw
 * by {@link LogAndContinueProcessingExceptionHandler}. With {@code errors.dead.letter.queue.topic.name}
 * set, both write the record's original key and value to {@code comments.dlq} (in the same transaction
 * under exactly-once) with the error in headers {@code __streams.errors.exception}, {@code .message},
 * {@code .stacktrace}, {@code .topic}, {@code .partition} and {@code .offset}, then go on with the next record.
 */
public final class ModerationService implements ServiceHandle {
    private static final Logger LOG = LoggerFactory.getLogger(ModerationService.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ModerationConfig config;
    private final KafkaStreams streams;

    private ModerationService(ModerationConfig config, KafkaStreams streams) {
        this.config = config;
        this.streams = streams;
    }

    /** Creates the topics if needed, starts the Streams app and returns once it is RUNNING. */
    public static ModerationService start(ModerationConfig config) {
        TopicSetup.ensureTopics(config.bootstrapServers(), config.topicPartitions(), config.topicReplication());
        Topology topology = ModerationTopology.build(config);
        LOG.info("moderation topology:\n{}", topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(config));
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
        streams.start();
        ModerationService service = new ModerationService(config, streams);
        try {
            running.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.close();
            throw new IllegalStateException("interrupted while starting the moderation service", e);
        } catch (ExecutionException | TimeoutException e) {
            service.close();
            throw new IllegalStateException("moderation service did not reach RUNNING within " + START_TIMEOUT
                    + " (Kafka at " + config.bootstrapServers() + ", state " + streams.state() + ")", e);
        }
        LOG.info("moderation service running: {}", service.describe());
        return service;
    }

    /** The Streams settings of the service; the evaluate command and topology tests use the same ones. */
    public static Properties streamsProperties(ModerationConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topicReplication());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        // No global stores today; set so a future global store gets the same handling (the 5.0 default).
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.COMMENTS_DLQ.name());
        return props;
    }

    @Override
    public String describe() {
        return "moderation: Kafka Streams app " + config.applicationId() + " on " + config.bootstrapServers()
                + " (" + Topics.COMMENTS_SUBMITTED.name() + " + " + Topics.ARTICLES.name() + " -> "
                + Topics.COMMENTS_MODERATED.name() + ", dead letters -> " + Topics.COMMENTS_DLQ.name() + ")";
    }

    @Override
    public boolean healthy() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        LOG.info("closing moderation service {}", config.applicationId());
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("moderation streams did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
