package dev.threadguard.ingest;

import dev.threadguard.config.ServiceHandle;
import dev.threadguard.http.HttpServers;
import dev.threadguard.ingest.auth.SiteKeyAuth;
import dev.threadguard.ingest.publish.KafkaPublisher;
import dev.threadguard.ingest.publish.KafkaStatus;
import dev.threadguard.ingest.publish.PublishMetrics;
import dev.threadguard.metrics.ServiceMetrics;
import io.javalin.Javalin;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest HTTP service: validates articles and comments and publishes them to Kafka. It starts
 * even while Kafka is down (answering 503 until Kafka is there), so services may start in any order.
 */
public final class IngestService implements ServiceHandle {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    /** A health probe must answer quickly even while Kafka does not. */
    private static final Duration MAX_CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final IngestConfig config;
    private final KafkaStatus kafka;
    private final KafkaPublisher publisher;
    private final Javalin app;
    private final ServiceMetrics metrics;
    private final SiteKeyAuth siteKeys;

    private IngestService(IngestConfig config, KafkaStatus kafka, KafkaPublisher publisher, Javalin app, ServiceMetrics metrics,
                          SiteKeyAuth siteKeys) {
        this.config = config;
        this.siteKeys = siteKeys;
        this.metrics = metrics;
        this.kafka = kafka;
        this.publisher = publisher;
        this.app = app;
    }

    /** Returns once the HTTP server listens; the topics are set up first if Kafka answers. */
    public static IngestService start(IngestConfig config) {
        Duration checkTimeout = config.sendTimeout().compareTo(MAX_CHECK_TIMEOUT) < 0 ? config.sendTimeout() : MAX_CHECK_TIMEOUT;
        KafkaStatus kafka = KafkaStatus.start(config.bootstrapServers(), config.topicPartitions(), config.topicReplication(), checkTimeout);
        ServiceMetrics metrics = ServiceMetrics.create("ingest");
        KafkaPublisher publisher = new KafkaPublisher(config.bootstrapServers(), config.producers(), config.sendTimeout(), kafka,
                new PublishMetrics(metrics));
        // Kafka known to be down: start at once, and read the keys when it is back.
        SiteKeyAuth siteKeys = SiteKeyAuth.start(config.bootstrapServers(), config.siteKeys(), config.sendTimeout(),
                kafka.topicsReady() ? config.sendTimeout() : Duration.ZERO, metrics.registry());
        try {
            HttpMetrics httpMetrics = new HttpMetrics(metrics.registry(), IngestRoutes.ROUTES);
            Javalin app = HttpServers.create(javalin -> {
                javalin.requestLogger.http(httpMetrics::record);
                // The routes enforce their own, smaller limits; this one only guards Javalin's own body reading.
                javalin.http.maxRequestSize = config.maxBatchBytes();
            }, IngestRoutes.observer());
            siteKeys.install(app);
            new IngestRoutes(config, publisher, kafka, metrics, siteKeys::ready).register(app);
            app.start(config.port());
            IngestService service = new IngestService(config, kafka, publisher, app, metrics, siteKeys);
            LOG.info("started {}", service.describe());
            return service;
        } catch (RuntimeException e) {
            siteKeys.close();
            publisher.close();
            kafka.close();
            metrics.close();
            throw e;
        }
    }

    /** The port the server listens on; differs from the configured one when that was 0. */
    public int port() {
        return app.port();
    }

    /** This service's metrics, as {@code GET /metrics} serves them. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** The site keys this instance knows and the seed's outcome. */
    public SiteKeyAuth siteKeys() {
        return siteKeys;
    }

    @Override
    public String describe() {
        return "ingest HTTP API on port " + port() + ", publishing to Kafka at " + config.bootstrapServers();
    }

    @Override
    public boolean healthy() {
        return kafka.topicsReady() && kafka.reachable() && siteKeys.ready();
    }

    @Override
    public void close() {
        app.stop();
        siteKeys.close();
        publisher.close();
        kafka.close();
        metrics.close();
        LOG.info("ingest stopped");
    }
}
