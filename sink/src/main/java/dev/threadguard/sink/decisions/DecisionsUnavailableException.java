package dev.threadguard.sink.decisions;

/** Kafka did not commit the decisions; nothing was published, the moderator may retry. */
public class DecisionsUnavailableException extends RuntimeException {
    public DecisionsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
