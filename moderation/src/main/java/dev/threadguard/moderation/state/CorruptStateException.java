package dev.threadguard.moderation.state;

/** A state store value that the state codec cannot read: cut short, or written in a format version it does not know. */
public final class CorruptStateException extends RuntimeException {
    public CorruptStateException(String message) {
        super(message);
    }
}
