package dev.threadguard.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one service, in Prometheus format: a Micrometer registry whose every series carries
 * {@code service=<name>}, with the JVM and process metrics already bound. A service registers its own
 * meters on {@link #registry()} (names in {@link MetricNames}), binds its Kafka clients with
 * {@link #bind(MeterBinder)} (Micrometer's {@code KafkaClientMetrics}, {@code KafkaStreamsMetrics})
 * and answers {@code GET /metrics} with {@link #scrape(String)}.
 *
 * <p>One instance per service, not a static: in {@code ./threadguard demo} the three services share a
 * JVM, and each must still answer for itself.
 */
public final class ServiceMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

    /** The classic Prometheus text format, which every scraper reads. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics 1.0, served when the scraper asks for it (Prometheus does, by default). */
    public static final String OPENMETRICS_FORMAT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /**
     * Buckets for work done while someone waits: an HTTP request, a transaction commit, a detector, a
     * database write. Fixed and few, so that {@code histogram_quantile} works across instances.
     */
    public static final List<Duration> LATENCY_BUCKETS = List.of(
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    /**
     * Buckets for how far behind the pipeline or the moderators are: event-time lag (comment posted to
     * verdict) and time-to-moderate (flag to decision); seconds when all is well, days when a queue is
     * neglected.
     */
    public static final List<Duration> DELAY_BUCKETS = List.of(
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(4), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7));

    /** An answer to a scrape: the body and the content type it is written in. */
    public record Scrape(String contentType, String body) {
    }

    private final String service;
    private final PrometheusMeterRegistry registry;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>(); // guarded by this

    private ServiceMetrics(String service, PrometheusMeterRegistry registry) {
        this.service = service;
        this.registry = registry;
    }

    /**
     * A registry for {@code service} (e.g. {@code ingest}), with JVM and process metrics bound: memory,
     * GC, threads, class loading, JIT, CPU, uptime, open file descriptors.
     */
    public static ServiceMetrics create(String service) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("a service name is needed for the service label");
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", service);
        ServiceMetrics metrics = new ServiceMetrics(service, registry);
        metrics.bind(new ClassLoaderMetrics());
        metrics.bind(new JvmMemoryMetrics());
        metrics.bind(new JvmGcMetrics());
        metrics.bind(new JvmHeapPressureMetrics());
        metrics.bind(new JvmThreadMetrics());
        metrics.bind(new JvmInfoMetrics());
        metrics.bind(new ProcessorMetrics());
        metrics.bind(new UptimeMetrics());
        metrics.bind(new FileDescriptorMetrics());
        return metrics;
    }

    public String service() {
        return service;
    }

    /** Where the service registers its own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Binds {@code binder} to this registry; one that holds resources (a Kafka client binder, the GC
     * listener) is closed with this, in reverse order. Close it yourself when its client goes away
     * before the service does: its meters leave the registry with it.
     */
    public <B extends MeterBinder> B bind(B binder) {
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable closeable) {
            synchronized (this) {
                closeables.push(closeable);
            }
        }
        return binder;
    }

    /** Forgets {@code binder} after its owner closed it, so that {@link #close()} does not hold on to it. */
    public synchronized void forget(AutoCloseable binder) {
        closeables.remove(binder);
    }

    /** Everything in the classic Prometheus text format. */
    public String scrape() {
        return registry.scrape(TEXT_FORMAT);
    }

    /**
     * Everything, in OpenMetrics when the {@code Accept} header asks for it, otherwise in the classic
     * text format. Never protobuf: the body is text either way.
     */
    public Scrape scrape(String acceptHeader) {
        String format = acceptHeader != null && acceptHeader.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
                ? OPENMETRICS_FORMAT : TEXT_FORMAT;
        return new Scrape(format, registry.scrape(format));
    }

    /** A timer exported as a Prometheus histogram ({@code <name>_seconds_bucket}) with {@link #LATENCY_BUCKETS}. */
    public static Timer.Builder latencyTimer(String name, String description) {
        return histogram(name, description, LATENCY_BUCKETS);
    }

    /** A timer exported as a Prometheus histogram with {@link #DELAY_BUCKETS}. */
    public static Timer.Builder delayTimer(String name, String description) {
        return histogram(name, description, DELAY_BUCKETS);
    }

    private static Timer.Builder histogram(String name, String description, List<Duration> buckets) {
        return Timer.builder(name).description(description)
                .serviceLevelObjectives(buckets.toArray(Duration[]::new));
    }

    @Override
    public void close() {
        synchronized (this) {
            while (!closeables.isEmpty()) {
                AutoCloseable closeable = closeables.pop();
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing the metrics of {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
                }
            }
        }
        registry.close();
    }
}
