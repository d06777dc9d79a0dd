package dev.threadguard.moderation.errors;

import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record on which a processor throws goes to {@code comments.dlq} in the {@link dev.threadguard.contract.DeadLetter}
 * format, as the source topic holds it (the raw bytes Kafka Streams read, not the processor's input), and
 * processing resumes with the next record. Configured with {@code processing.exception.handler}.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private final Clock clock = Clock.systemUTC();

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        return Response.resume(DeadLetterHandlers.deadLetter(context, context.sourceRawKey(), context.sourceRawValue(),
                error, clock));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to configure: the topic and the header format are the contract's.
    }
}
