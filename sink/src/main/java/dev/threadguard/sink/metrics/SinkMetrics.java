package dev.threadguard.sink.metrics;

import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Topics;
import dev.threadguard.metrics.MetricNames;
import dev.threadguard.metrics.ServiceMetrics;
import dev.threadguard.sink.store.WriteObserver;
import dev.threadguard.sink.store.Written;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The sink's own meters (names in {@link MetricNames}, table in {@code deploy/METRICS.md}) on the registry of one
 * sink instance: rows written per table, database write latency, decisions by outcome, time-to-moderate, dead
 * letters, the review queue size by flag (from {@link LiveSamples}, which reads PostgreSQL every few seconds),
 * and the consumer's own Kafka client metrics (its records-lag per partition among them).
 */
public final class SinkMetrics implements WriteObserver {
    /** The topics the sink reads: the values of the dead letters' {@code topic} label. */
    public static final List<String> SOURCE_TOPICS =
            List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(), Topics.DECISIONS.name());

    private final ServiceMetrics metrics;
    private final Map<String, Counter> rows;
    private final Timer dbWrite;
    private final Map<DecisionAction, Counter> decisions;
    private final Timer timeToModerate;
    private final Map<String, Counter> deadLetters;

    public SinkMetrics(ServiceMetrics metrics) {
        this.metrics = metrics;
        MeterRegistry registry = metrics.registry();
        // Every label value registered at zero, so rate() and alerts see the series before the first event.
        this.rows = Written.TABLES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                table -> Counter.builder(MetricNames.SINK_ROWS_WRITTEN)
                        .description("distinct rows inserted, updated or deleted by committed transactions")
                        .tag(MetricNames.TABLE, table).register(registry)));
        this.dbWrite = ServiceMetrics.latencyTimer(MetricNames.SINK_DB_WRITE,
                "one database transaction for one polled batch, committed or rolled back").register(registry);
        Map<DecisionAction, Counter> byAction = new EnumMap<>(DecisionAction.class);
        for (DecisionAction action : DecisionAction.values()) {
            byAction.put(action, Counter.builder(MetricNames.SINK_DECISIONS)
                    .description("moderator decisions applied, by outcome")
                    .tag(MetricNames.OUTCOME, action.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.decisions = byAction;
        this.timeToModerate = ServiceMetrics.delayTimer(MetricNames.SINK_TIME_TO_MODERATE,
                "from a comment entering the review queue (its verdict stored) to the decision taking it out")
                .register(registry);
        this.deadLetters = SOURCE_TOPICS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                topic -> Counter.builder(MetricNames.SINK_DEAD_LETTERS)
                        .description("records the sink could not store, sent to " + Topics.COMMENTS_DLQ.name())
                        .tag(MetricNames.TOPIC, topic).register(registry)));
    }

    public ServiceMetrics service() {
        return metrics;
    }

    @Override
    public void committed(Written written, Duration took) {
        dbWrite.record(took);
        written.rowsByTable().forEach((table, count) -> {
            Counter counter = rows.get(table);
            if (counter != null) {
                counter.increment(count);
            }
        });
        for (Written.Applied applied : written.decisions()) {
            decisions.get(applied.action()).increment();
            if (applied.queueWait() != null) {
                timeToModerate.record(applied.queueWait());
            }
        }
    }

    @Override
    public void failed(Duration took) {
        dbWrite.record(took);
    }

    /** Rows written to {@code table} since start. */
    public double rowsWritten(String table) {
        Counter counter = rows.get(table);
        return counter == null ? 0 : counter.count();
    }

    /** A record from {@code sourceTopic} was sent to the dead-letter topic. */
    public void deadLettered(String sourceTopic) {
        Counter counter = deadLetters.get(sourceTopic);
        if (counter != null) {
            counter.increment();
        }
    }

    /** The consumer's Kafka client metrics, until the service closes. */
    public void bind(Consumer<?, ?> consumer) {
        metrics.bind(new KafkaClientMetrics(consumer));
    }

    /** The review queue size gauges, one per flag, reading the latest of {@code samples}. */
    public void bindQueueSizes(LiveSamples samples) {
        Stream.of(Flag.values()).forEach(flag -> Gauge.builder(MetricNames.SINK_REVIEW_QUEUE_SIZE, samples,
                        s -> s.queueSize(flag))
                .description("comments awaiting a moderator's decision, by flag; read from PostgreSQL every few seconds")
                .tag(MetricNames.FLAG, MetricNames.flag(flag))
                .register(metrics.registry()));
    }
}
