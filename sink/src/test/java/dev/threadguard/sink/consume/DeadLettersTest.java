package dev.threadguard.sink.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheRecordAsItCameAndSaysWhereFromAndWhy() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        byte[] value = "not json".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("comments.moderated", 1, 17L, 0L,
                TimestampType.CREATE_TIME, -1, -1, "a-1", value, headers, Optional.empty());

        ProducerRecord<byte[], byte[]> out = DeadLetters.toDeadLetter(source, "$: not valid JSON");

        assertThat(out.topic()).isEqualTo(Topics.COMMENTS_DLQ.name());
        assertThat(out.key()).isEqualTo("a-1".getBytes(StandardCharsets.UTF_8));
        assertThat(out.value()).isEqualTo(value);
        assertThat(header(out, "trace")).isEqualTo("t-1");
        assertThat(header(out, Topics.DLQ_HEADER_ERROR)).isEqualTo("$: not valid JSON");
        assertThat(header(out, Topics.DLQ_HEADER_SOURCE_TOPIC)).isEqualTo("comments.moderated");
        assertThat(header(out, DeadLetters.HEADER_SOURCE_PARTITION)).isEqualTo("1");
        assertThat(header(out, DeadLetters.HEADER_SOURCE_OFFSET)).isEqualTo("17");
    }

    @Test
    void aRecordWithoutKeyOrValueStillGoes() {
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("comments.moderated", 0, 3L, null, null);

        ProducerRecord<byte[], byte[]> out = DeadLetters.toDeadLetter(source, "tombstone");

        assertThat(out.key()).isNull();
        assertThat(out.value()).isNull();
        assertThat(header(out, Topics.DLQ_HEADER_ERROR)).isEqualTo("tombstone");
    }
}
