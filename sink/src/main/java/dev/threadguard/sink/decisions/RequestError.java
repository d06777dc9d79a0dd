package dev.threadguard.sink.decisions;

/**
 * What is wrong with one decision of a request: {@code index} is its position in a bulk request (0 for one),
 * {@code field} the field at fault within it (empty for the whole decision).
 */
public record RequestError(int index, String field, String message) {
}
