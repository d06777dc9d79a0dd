package dev.threadguard.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one format of a record on {@code comments.dlq}, whoever writes it (moderation's Kafka Streams exception
 * handlers, the sink's consumer): the original key and value byte for byte, the original headers, and these
 * headers, each a UTF-8 string:
 *
 * <table>
 *   <caption>dead-letter headers</caption>
 *   <tr><th>header</th><th>value</th></tr>
 *   <tr><td>{@value #CODE}</td><td>a short stable code ({@link Code}): {@code not-json}, {@code invalid-event},
 *       {@code processing-failed}, {@code refused-by-database}, {@code comment-id-conflict}</td></tr>
 *   <tr><td>{@value #MESSAGE}</td><td>one line for an operator, at most {@value #MAX_MESSAGE_LENGTH} characters;
 *       never a stack trace</td></tr>
 *   <tr><td>{@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}</td><td>where the record
 *       was read (decimal partition and offset)</td></tr>
 *   <tr><td>{@value #SERVICE}</td><td>the service that gave up on it: {@code moderation} or {@code sink}</td></tr>
 *   <tr><td>{@value #AT}</td><td>when, ISO-8601 UTC, e.g. {@code 2026-11-29T09:30:00.123Z}</td></tr>
 * </table>
 *
 * Each bad record is dead-lettered once: moderation for the topics it reads first ({@code articles},
 * {@code comments.submitted}), the sink for {@code comments.moderated} and {@code moderation.decisions}, and for
 * an {@code articles} record only when the database refuses it (moderation has read it without trouble).
 */
public final class DeadLetter {
    public static final String CODE = "threadguard.error.code";
    public static final String MESSAGE = "threadguard.error.message";
    public static final String SOURCE_TOPIC = "threadguard.error.source.topic";
    public static final String SOURCE_PARTITION = "threadguard.error.source.partition";
    public static final String SOURCE_OFFSET = "threadguard.error.source.offset";
    public static final String SERVICE = "threadguard.error.service";
    public static final String AT = "threadguard.error.at";
    /** Every header this class sets starts with it; such headers on the original record are replaced, not kept. */
    public static final String HEADER_PREFIX = "threadguard.error.";
    public static final int MAX_MESSAGE_LENGTH = 500;
    /** How {@link Json#violationOf} begins the one violation of a value that does not parse. */
    private static final String NOT_JSON_MESSAGE = "not valid JSON";

    /** Why a record was given up on; {@link #wire()} is the header value. */
    public enum Code {
        /** The value is not JSON at all. */
        NOT_JSON,
        /** JSON that breaks the event contract: a field missing or of the wrong type, a rule broken, a tombstone. */
        INVALID_EVENT,
        /** A readable event on which processing failed: a bug or an unforeseen input, worth a look. */
        PROCESSING_FAILED,
        /** The sink's database refused the record (e.g. a value it cannot store). */
        REFUSED_BY_DATABASE,
        /**
         * A comment id that arrived again with other content than the comment already accepted under it (moderation):
         * the first stays.
         */
        COMMENT_ID_CONFLICT;

        /** {@code not-json}, {@code invalid-event}, ... */
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * The code for an exception met while reading or processing a record: {@link #NOT_JSON} or
         * {@link #INVALID_EVENT} for an {@link InvalidEventException} (here or among its causes), else
         * {@link #PROCESSING_FAILED}.
         */
        public static Code of(Throwable error) {
            InvalidEventException invalid = invalidEvent(error);
            if (invalid == null) {
                return PROCESSING_FAILED;
            }
            return invalid.violations().stream().anyMatch(DeadLetter::notJson) ? NOT_JSON : INVALID_EVENT;
        }
    }

    /** Where a record was read: its topic, partition and offset. */
    public record Source(String topic, int partition, long offset) {
        public Source {
            Objects.requireNonNull(topic, "topic");
        }
    }

    private DeadLetter() {
    }

    /**
     * The dead letter of a record: to {@code comments.dlq}, partitioned by its key as the producer chooses.
     *
     * @param key      the original key bytes, or null
     * @param value    the original value bytes, or null (a tombstone)
     * @param original the original headers (copied, without any earlier {@value #HEADER_PREFIX} ones), or null
     * @param message  what is wrong, for an operator; cut to its first line and {@value #MAX_MESSAGE_LENGTH}
     *                 characters
     * @param service  {@code moderation} or {@code sink}
     */
    public static ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value, Headers original, Source source,
                                                        Code code, String message, String service, Instant at) {
        Headers headers = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                if (!header.key().startsWith(HEADER_PREFIX)) {
                    headers.add(header);
                }
            }
        }
        headers.add(CODE, utf8(code.wire()))
                .add(MESSAGE, utf8(oneLine(message)))
                .add(SOURCE_TOPIC, utf8(source.topic()))
                .add(SOURCE_PARTITION, utf8(Integer.toString(source.partition())))
                .add(SOURCE_OFFSET, utf8(Long.toString(source.offset())))
                .add(SERVICE, utf8(service))
                .add(AT, utf8(at.toString()));
        return new ProducerRecord<>(Topics.COMMENTS_DLQ.name(), null, null, key, value, headers);
    }

    /**
     * The message of an exception for {@value #MESSAGE}: an {@link InvalidEventException}'s list of violations
     * (here or among the causes), else the exception's own message, else its simple class name.
     */
    public static String messageOf(Throwable error) {
        InvalidEventException invalid = invalidEvent(error);
        if (invalid != null) {
            return invalid.getMessage();
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    /** The first line, control characters replaced by spaces, cut to {@value #MAX_MESSAGE_LENGTH} characters. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", " ");
        return line.length() <= MAX_MESSAGE_LENGTH ? line : line.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }

    private static InvalidEventException invalidEvent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static boolean notJson(Violation v) {
        return "$".equals(v.field()) && v.message() != null && v.message().startsWith(NOT_JSON_MESSAGE);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
