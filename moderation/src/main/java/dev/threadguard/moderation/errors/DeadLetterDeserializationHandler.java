package dev.threadguard.moderation.errors;

import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record Kafka Streams cannot deserialize (not JSON, or JSON that breaks the event contract) goes to
 * {@code comments.dlq} in the {@link dev.threadguard.contract.DeadLetter} format, in the task's transaction under
 * exactly-once, and processing resumes with the next record. Configured with
 * {@code deserialization.exception.handler}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private final Clock clock = Clock.systemUTC();

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        return Response.resume(DeadLetterHandlers.deadLetter(context, record.key(), record.value(), error, clock));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to configure: the topic and the header format are the contract's.
    }
}
