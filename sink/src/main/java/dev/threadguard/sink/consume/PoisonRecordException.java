package dev.threadguard.sink.consume;

/** A record the sink can never store as it is; its message goes into the dead-letter record's error header. */
public class PoisonRecordException extends RuntimeException {
    public PoisonRecordException(String message) {
        super(message);
    }
}
