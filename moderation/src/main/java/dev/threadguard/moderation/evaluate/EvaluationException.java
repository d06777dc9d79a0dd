package dev.threadguard.moderation.evaluate;

/** An evaluation input that cannot be used; the message names the file and, for a bad line, its number. */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
