package dev.threadguard.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aValueThatDoesNotParseIsNotJsonAndOneThatBreaksTheContractIsAnInvalidEvent() {
        Throwable notJson = catchThrowable(() -> Json.read("this is not JSON", Comment.class));
        Throwable invalid = catchThrowable(() -> Json.read("{\"commentId\":\"c-1\",\"articleId\":\"a-1\"}", Comment.class));

        assertThat(DeadLetter.Code.of(notJson)).isEqualTo(DeadLetter.Code.NOT_JSON);
        assertThat(DeadLetter.Code.of(invalid)).isEqualTo(DeadLetter.Code.INVALID_EVENT);
        // Wrapped, as Kafka Streams may hand it over.
        assertThat(DeadLetter.Code.of(new RuntimeException("wrapped", invalid))).isEqualTo(DeadLetter.Code.INVALID_EVENT);
        assertThat(DeadLetter.Code.of(new IllegalStateException("boom"))).isEqualTo(DeadLetter.Code.PROCESSING_FAILED);
        assertThat(DeadLetter.Code.PROCESSING_FAILED.wire()).isEqualTo("processing-failed");
        assertThat(DeadLetter.Code.COMMENT_ID_CONFLICT.wire()).isEqualTo("comment-id-conflict");
    }

    @Test
    void theMessageIsOneShortLineWithoutAStackTrace() {
        Throwable invalid = new InvalidEventException(List.of(new Violation("body", "is required")));
        String longLine = "x".repeat(2_000);

        assertThat(DeadLetter.messageOf(new RuntimeException("in a processor", invalid))).isEqualTo("body: is required");
        assertThat(DeadLetter.messageOf(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(DeadLetter.oneLine("first line\n\tat com.example.Foo.bar(Foo.java:1)")).isEqualTo("first line");
        assertThat(DeadLetter.oneLine("a\u0007bell")).isEqualTo("a bell");
        assertThat(DeadLetter.oneLine(longLine)).hasSize(DeadLetter.MAX_MESSAGE_LENGTH);
    }

    @Test
    void theRecordCarriesTheOriginalBytesAndEveryHeader() {
        byte[] key = {'k'};
        byte[] value = {1, 2, 3};
        ProducerRecord<byte[], byte[]> out = DeadLetter.record(key, value, null,
                new DeadLetter.Source("articles", 2, 41L), DeadLetter.Code.NOT_JSON, "$: not valid JSON", "moderation",
                Instant.parse("2026-11-29T09:30:00.123Z"));

        assertThat(out.topic()).isEqualTo(Topics.COMMENTS_DLQ.name());
        assertThat(out.key()).isEqualTo(key);
        assertThat(out.value()).isEqualTo(value);
        assertThat(out.partition()).isNull();
        assertThat(header(out, DeadLetter.CODE)).isEqualTo("not-json");
        assertThat(header(out, DeadLetter.SOURCE_TOPIC)).isEqualTo("articles");
        assertThat(header(out, DeadLetter.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(out, DeadLetter.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(out, DeadLetter.SERVICE)).isEqualTo("moderation");
        assertThat(header(out, DeadLetter.AT)).isEqualTo("2026-11-29T09:30:00.123Z");
    }
}
