package dev.threadguard.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Flag;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

    @Test
    void everySeriesCarriesTheServiceAndJvmAndProcessMetricsAreThere() {
        try (ServiceMetrics metrics = ServiceMetrics.create("ingest")) {
            String text = metrics.scrape();

            assertThat(text).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_", "jvm_threads_live_threads{service=\"ingest\"}",
                    "jvm_classes_loaded_classes{service=\"ingest\"}", "process_cpu_usage{service=\"ingest\"}",
                    "process_uptime_seconds{service=\"ingest\"}", "system_cpu_count{service=\"ingest\"}");
            assertThat(text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("service=\"ingest\""));
        }
    }

    @Test
    void countersGetTotalAndTimersSecondsWithTheFixedBuckets() {
        try (ServiceMetrics metrics = ServiceMetrics.create("sink")) {
            metrics.registry().counter(MetricNames.SINK_DECISIONS, MetricNames.OUTCOME, "approved").increment(3);
            ServiceMetrics.latencyTimer(MetricNames.SINK_DB_WRITE, "one transaction").register(metrics.registry())
                    .record(Duration.ofMillis(30));
            ServiceMetrics.delayTimer(MetricNames.SINK_TIME_TO_MODERATE, "flag to decision").register(metrics.registry())
                    .record(Duration.ofMinutes(3));

            String text = metrics.scrape();

            assertThat(text).contains("threadguard_sink_decisions_total{outcome=\"approved\",service=\"sink\"} 3.0");
            assertThat(text).contains("threadguard_sink_db_write_seconds_bucket{service=\"sink\",le=\"0.025\"} 0",
                    "threadguard_sink_db_write_seconds_bucket{service=\"sink\",le=\"0.05\"} 1",
                    "threadguard_sink_db_write_seconds_count{service=\"sink\"} 1");
            assertThat(text).contains("threadguard_sink_time_to_moderate_seconds_bucket{service=\"sink\",le=\"60.0\"} 0",
                    "threadguard_sink_time_to_moderate_seconds_bucket{service=\"sink\",le=\"300.0\"} 1");
            assertThat(text.lines().filter(l -> l.startsWith("threadguard_sink_db_write_seconds_bucket")))
                    .hasSize(ServiceMetrics.LATENCY_BUCKETS.size() + 1);
        }
    }

    @Test
    void openMetricsOnlyWhenAskedFor() {
        try (ServiceMetrics metrics = ServiceMetrics.create("moderation")) {
            ServiceMetrics.Scrape prometheus = metrics.scrape("application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3");
            ServiceMetrics.Scrape plain = metrics.scrape(null);
            ServiceMetrics.Scrape protobufOnly = metrics.scrape("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");

            assertThat(prometheus.contentType()).isEqualTo(ServiceMetrics.OPENMETRICS_FORMAT);
            assertThat(prometheus.body()).endsWith("# EOF\n");
            assertThat(plain.contentType()).isEqualTo(ServiceMetrics.TEXT_FORMAT);
            assertThat(plain.body()).doesNotContain("# EOF").contains("# TYPE process_uptime_seconds gauge");
            assertThat(protobufOnly.contentType()).isEqualTo(ServiceMetrics.TEXT_FORMAT);
        }
    }

    @Test
    void closeableBindersAreClosedWithTheServiceUnlessForgotten() {
        AtomicInteger closed = new AtomicInteger();
        ServiceMetrics metrics = ServiceMetrics.create("ingest");
        ClosingBinder kept = metrics.bind(new ClosingBinder(closed));
        ClosingBinder forgotten = metrics.bind(new ClosingBinder(closed));
        forgotten.close();
        metrics.forget(forgotten);

        metrics.close();

        assertThat(kept.bound).isTrue();
        assertThat(closed).hasValue(2);
    }

    @Test
    void flagLabelsAreLowerCaseEnumNames() {
        assertThat(MetricNames.flag(Flag.OFF_TOPIC)).isEqualTo("off_topic");
        assertThat(MetricNames.flag(Flag.SUPPORT_REQUEST)).isEqualTo("support_request");
    }

    @Test
    void aServiceNameIsRequired() {
        assertThatThrownBy(() -> ServiceMetrics.create(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class ClosingBinder implements MeterBinder, AutoCloseable {
        private final AtomicInteger closed;
        private boolean bound;

        ClosingBinder(AtomicInteger closed) {
            this.closed = closed;
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            bound = true;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
