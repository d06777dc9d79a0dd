package dev.threadguard.moderation.errors;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a {@link StackOverflowError} while a record is processed into a {@link StackExhaustedException}, so that
 * the processing exception handler puts the record on the dead-letter topic and the stream thread goes on. An
 * {@code Error} passes every exception handler of Kafka Streams and ends the stream thread, which would then meet
 * the same record again on restart: a hostile text (a line of 20,000 quote markers once recursed through
 * java.util.regex) must cost its own record, not the service. Other errors (out of memory) still end the thread:
 * they are not the record's fault.
 *
 * <p>Not for punctuators: Kafka Streams hands the processing exception handler no source record for an exception
 * in a punctuation, so there is nothing to dead-letter; a StackOverflowError while the hold timeout releases a
 * comment still ends the stream thread (the regular expression that caused the one seen is gone).
 *
 * @param <KIn> input key, as the wrapped processor's
 * @param <VIn> input value
 * @param <KOut> output key
 * @param <VOut> output value
 */
public final class StackGuard<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private final Processor<KIn, VIn, KOut, VOut> inner;

    private StackGuard(Processor<KIn, VIn, KOut, VOut> inner) {
        this.inner = inner;
    }

    /** The processor, guarded. */
    public static <KIn, VIn, KOut, VOut> Processor<KIn, VIn, KOut, VOut> of(Processor<KIn, VIn, KOut, VOut> inner) {
        return new StackGuard<>(inner);
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        inner.init(context);
    }

    @Override
    public void process(Record<KIn, VIn> record) {
        try {
            inner.process(record);
        } catch (StackOverflowError e) {
            throw new StackExhaustedException("processing the record with key " + record.key()
                    + " ran out of thread stack (a detector recursed on its text); it goes to the dead-letter topic", e);
        }
    }

    @Override
    public void close() {
        inner.close();
    }

    /** A record's processing ran out of thread stack; the stack is unwound and the thread can go on. */
    public static final class StackExhaustedException extends RuntimeException {
        public StackExhaustedException(String message, StackOverflowError cause) {
            super(message, cause);
        }
    }
}
