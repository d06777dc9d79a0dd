package dev.threadguard.ingest.publish;

/** Kafka could not take a request in time; nothing of the request was committed and it may be retried. */
public class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
