package dev.threadguard.sink.decisions;

/**
 * What is wrong with one decision of a request: {@code index} is its position in a bulk request (0 for one),
 * {@code field} the field at fault within it (empty for the whole decision), {@code malformed} whether the
 * request itself breaks the rules (a missing or too long field, a control character) rather than not fitting
 * what is stored (a comment that is not there, a correction of a flag that was not raised).
 */
public record RequestError(int index, String field, String message, boolean malformed) {

    /** The decision breaks the contract: wrong whatever is stored. */
    public static RequestError malformed(int index, String field, String message) {
        return new RequestError(index, field, message, true);
    }

    /** The decision is well-formed but cannot be taken on what is stored. */
    public static RequestError unprocessable(int index, String field, String message) {
        return new RequestError(index, field, message, false);
    }
}
