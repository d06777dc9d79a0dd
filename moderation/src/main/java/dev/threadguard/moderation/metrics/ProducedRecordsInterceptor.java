package dev.threadguard.moderation.metrics;

import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the moderation Streams app writes, where it writes it: on its producers, configured with
 * {@code producer.interceptor.classes}. A record to {@code comments.moderated} is a verdict (counted by flag,
 * with its event-time lag); a record to {@code comments.dlq} is a dead letter, counted by the topic named in
 * the {@link DeadLetter#SOURCE_TOPIC} header moderation's exception handlers add.
 *
 * <p>Measured here, not in a processor, because this is the one place every verdict and every dead letter
 * passes, whatever path it took through the topology (anonymous comments and those shorter than a copy skip the
 * cross-thread stages; dead letters are produced by Kafka Streams for the exception handlers). Counted when sent: under
 * exactly-once a transaction that is then aborted (a task moved or failed mid-commit) is processed and counted
 * again. Kafka Streams' producers carry {@code byte[]}s; the verdict is parsed once more here, a small cost
 * next to judging it.
 */
public final class ProducedRecordsInterceptor implements ProducerInterceptor<byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(ProducedRecordsInterceptor.class);
    private ModerationMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = ModerationMetrics.from(configs);
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        if (metrics == null) {
            return record;
        }
        if (Topics.COMMENTS_MODERATED.name().equals(record.topic())) {
            verdict(record);
        } else if (Topics.COMMENTS_DLQ.name().equals(record.topic())) {
            Header source = record.headers().lastHeader(DeadLetter.SOURCE_TOPIC);
            metrics.deadLetter(source == null || source.value() == null ? null
                    : new String(source.value(), StandardCharsets.UTF_8));
        }
        return record;
    }

    private void verdict(ProducerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            metrics.verdictProduced(Json.read(record.value(), ModeratedComment.class));
        } catch (RuntimeException e) {
            // Never happens with the topology's own serde; a metric must not stop a verdict either way.
            LOG.warn("could not read a verdict being produced to {} for its metrics: {}", record.topic(), e.getMessage());
        }
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // Counted on send; a failed send fails the transaction, which Streams retries or reports.
    }

    @Override
    public void close() {
        // The metrics belong to the service, which closes them.
    }
}
