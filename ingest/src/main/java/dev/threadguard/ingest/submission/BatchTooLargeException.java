package dev.threadguard.ingest.submission;

/** A batch with more items than the service takes in one request. */
public class BatchTooLargeException extends RuntimeException {
    public BatchTooLargeException(int items, int maxItems) {
        super("a batch holds at most " + maxItems + " comments, got " + items + "; split it into smaller batches");
    }
}
