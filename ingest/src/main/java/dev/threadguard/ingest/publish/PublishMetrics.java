package dev.threadguard.ingest.publish;

import dev.threadguard.contract.Topics;
import dev.threadguard.metrics.MetricNames;
import dev.threadguard.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What publishing costs and how it fails: the time each request waits for its events to be committed (from its
 * hand-over to the commit of the transaction that carried it, which may carry other requests too), the events
 * committed per topic, the failures by kind, and the Kafka producers' own client metrics.
 */
public final class PublishMetrics {
    /** Kinds of failure, the values of the {@code error} label. */
    public enum Error {
        /** The topics are not set up yet: Kafka has not been reachable since the start. */
        NOT_READY("not-ready"),
        /** Every producer of the pool stayed busy for the send timeout. */
        PRODUCERS_BUSY("producers-busy"),
        /** An event exceeds the broker's record size limit. */
        RECORD_TOO_LARGE("record-too-large"),
        /** The transaction failed or timed out in Kafka. */
        KAFKA_UNAVAILABLE("kafka-unavailable"),
        OTHER("other");

        private final String label;

        Error(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final ServiceMetrics metrics;
    private final Timer committed;
    private final Timer failed;
    private final Counter transactions;
    private final Map<String, Counter> published;
    private final Map<Error, Counter> errors;

    public PublishMetrics(ServiceMetrics metrics) {
        this.metrics = metrics;
        MeterRegistry registry = metrics.registry();
        String description = "a request's publishing, from its hand-over to the commit of the Kafka transaction that carried it";
        this.committed = ServiceMetrics.latencyTimer(MetricNames.INGEST_PUBLISH_DURATION, description)
                .tag(MetricNames.OUTCOME, "committed").register(registry);
        this.failed = ServiceMetrics.latencyTimer(MetricNames.INGEST_PUBLISH_DURATION, description)
                .tag(MetricNames.OUTCOME, "failed").register(registry);
        this.transactions = Counter.builder(MetricNames.INGEST_TRANSACTIONS)
                .description("Kafka transactions committed, each carrying one or more requests").register(registry);
        // Registered up front at zero, so that rate() and alerts see the series before the first event.
        this.published = Stream.of(Topics.ARTICLES.name(), Topics.COMMENTS_SUBMITTED.name()).collect(Collectors.toUnmodifiableMap(
                Function.identity(),
                topic -> Counter.builder(MetricNames.INGEST_EVENTS_PUBLISHED).description("events committed to Kafka")
                        .tag(MetricNames.TOPIC, topic).register(registry)));
        this.errors = Stream.of(Error.values()).collect(Collectors.toUnmodifiableMap(
                Function.identity(),
                error -> Counter.builder(MetricNames.INGEST_PUBLISH_ERRORS).description("requests whose events were not committed")
                        .tag(MetricNames.ERROR, error.label()).register(registry)));
    }

    /** A request handed over for publishing. */
    Timer.Sample start() {
        return Timer.start(metrics.registry());
    }

    void committed(Timer.Sample sample, List<ProducerRecord<byte[], byte[]>> records) {
        sample.stop(committed);
        records.stream().collect(Collectors.groupingBy(ProducerRecord::topic, Collectors.counting()))
                .forEach((topic, count) -> {
                    Counter counter = published.get(topic);
                    if (counter != null) {
                        counter.increment(count);
                    }
                });
    }

    /** A transaction committed, carrying one or more requests (each also counted by {@link #committed}). */
    void transactionCommitted() {
        transactions.increment();
    }

    /** A failure; {@code sample} is null when it happened before the transaction began. */
    void failed(Timer.Sample sample, Error error) {
        if (sample != null) {
            sample.stop(failed);
        }
        errors.get(error).increment();
    }

    /** Exposes the producer's client metrics (request latency, retries, buffer) until it is closed. */
    KafkaClientMetrics bind(Producer<?, ?> producer) {
        return metrics.bind(new KafkaClientMetrics(producer));
    }

    /** Removes a producer's client metrics when the producer is closed before the service. */
    void unbind(KafkaClientMetrics binder) {
        binder.close();
        metrics.forget(binder);
    }
}
