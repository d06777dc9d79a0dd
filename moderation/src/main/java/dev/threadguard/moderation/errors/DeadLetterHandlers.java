package dev.threadguard.moderation.errors;

import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.DeadLetter.Code;
import dev.threadguard.moderation.ConflictingResendException;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What moderation's two exception handlers share: the dead letter ({@link DeadLetter}, the one header format of
 * {@code comments.dlq}) of the source record an error happened on, and one log line about it. Bad input is logged
 * at WARN in one line (an operator may want to find who sends it); a processing failure on a readable event is a
 * bug, logged at ERROR with its stack trace, which never goes on the wire. A changed resend of a comment id
 * ({@link ConflictingResendException}) is bad input too: {@code comment-id-conflict}, at WARN.
 */
final class DeadLetterHandlers {
    static final String SERVICE = "moderation";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    static List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
                                                           Exception error, Clock clock) {
        Code code = error instanceof ConflictingResendException ? Code.COMMENT_ID_CONFLICT : Code.of(error);
        String message = DeadLetter.messageOf(error);
        DeadLetter.Source source = new DeadLetter.Source(context.topic(), context.partition(), context.offset());
        if (code == Code.PROCESSING_FAILED) {
            LOG.error("processing {}-{}@{} failed in {} (task {}); sending the record to comments.dlq as {}",
                    source.topic(), source.partition(), source.offset(), context.processorNodeId(), context.taskId(),
                    code.wire(), error);
        } else {
            LOG.warn("sending {}-{}@{} to comments.dlq as {}: {}", source.topic(), source.partition(), source.offset(),
                    code.wire(), message);
        }
        return List.of(DeadLetter.record(key, value, context.headers(), source, code, message, SERVICE,
                clock.instant()));
    }
}
