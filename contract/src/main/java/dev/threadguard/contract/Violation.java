package dev.threadguard.contract;

/** One problem with one field of an input: {@code field} is a JSON path such as {@code body} or {@code tags[2]}. */
public record Violation(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
