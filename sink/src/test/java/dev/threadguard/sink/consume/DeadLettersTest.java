package dev.threadguard.sink.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T09:30:00Z"), ZoneOffset.UTC);

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<String, byte[]> source, String error) {
        return DeadLetters.toDeadLetter(source, DeadLetters.codeOf(error), error, CLOCK);
    }

    @Test
    void keepsTheRecordAsItCameAndSaysWhereFromAndWhyInTheOneFormat() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        byte[] value = "not json".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("comments.moderated", 1, 17L, 0L,
                TimestampType.CREATE_TIME, -1, -1, "a-1", value, headers, Optional.empty());

        ProducerRecord<byte[], byte[]> out = deadLetter(source, "$: not valid JSON: Unrecognized token 'not'");

        assertThat(out.topic()).isEqualTo(Topics.COMMENTS_DLQ.name());
        assertThat(out.key()).isEqualTo("a-1".getBytes(StandardCharsets.UTF_8));
        assertThat(out.value()).isEqualTo(value);
        assertThat(header(out, "trace")).isEqualTo("t-1");
        assertThat(header(out, DeadLetter.CODE)).isEqualTo("not-json");
        assertThat(header(out, DeadLetter.MESSAGE)).isEqualTo("$: not valid JSON: Unrecognized token 'not'");
        assertThat(header(out, DeadLetter.SOURCE_TOPIC)).isEqualTo("comments.moderated");
        assertThat(header(out, DeadLetter.SOURCE_PARTITION)).isEqualTo("1");
        assertThat(header(out, DeadLetter.SOURCE_OFFSET)).isEqualTo("17");
        assertThat(header(out, DeadLetter.SERVICE)).isEqualTo("sink");
        assertThat(header(out, DeadLetter.AT)).isEqualTo("2026-11-29T09:30:00Z");
    }

    @Test
    void aRecordWithoutKeyOrValueStillGoes() {
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("comments.moderated", 0, 3L, null, null);

        ProducerRecord<byte[], byte[]> out = deadLetter(source, "a record on comments.moderated needs a value, got a tombstone");

        assertThat(out.key()).isNull();
        assertThat(out.value()).isNull();
        assertThat(header(out, DeadLetter.CODE)).isEqualTo("invalid-event");
        assertThat(header(out, DeadLetter.MESSAGE)).contains("tombstone");
    }

    @Test
    void aRefusalByTheDatabaseHasItsOwnCodeAndOneLineWithoutDetail() {
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("comments.moderated", 2, 9L, "a-2", new byte[] {'{'});

        ProducerRecord<byte[], byte[]> out = deadLetter(source,
                "the database refused the record: invalid byte sequence\n  Where: COPY comments, line 1");

        assertThat(header(out, DeadLetter.CODE)).isEqualTo("refused-by-database");
        assertThat(header(out, DeadLetter.MESSAGE)).isEqualTo("the database refused the record: invalid byte sequence");
    }

    @Test
    void anEarlierDeadLettersHeadersAreReplacedNotRepeated() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.CODE, "not-json".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.SERVICE, "moderation".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("moderation.decisions", 0, 5L, 0L,
                TimestampType.CREATE_TIME, -1, -1, "c-1", new byte[] {'x'}, headers, Optional.empty());

        ProducerRecord<byte[], byte[]> out = deadLetter(source, "decision.action: is required");

        assertThat(out.headers().headers(DeadLetter.CODE)).hasSize(1);
        assertThat(header(out, DeadLetter.CODE)).isEqualTo("invalid-event");
        assertThat(header(out, DeadLetter.SERVICE)).isEqualTo("sink");
    }

    @Test
    void unreadableArticlesAreLeftToModerationWhichReadsThemFirst() {
        assertThat(DeadLetters.reportsUnreadable(Topics.ARTICLES.name())).isFalse();
        assertThat(DeadLetters.reportsUnreadable(Topics.COMMENTS_MODERATED.name())).isTrue();
        assertThat(DeadLetters.reportsUnreadable(Topics.DECISIONS.name())).isTrue();
    }
}
