package dev.threadguard.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.threadguard.contract.Violation;
import java.util.List;

/**
 * An error body as RFC 9457 "Problem Details" ({@code application/problem+json}): what went wrong in
 * {@code detail}, and for bad input every field at fault in {@code errors}. Never a stack trace.
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = "urn:threadguard:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem invalidInput(String detail, List<Violation> errors) {
        return new Problem(TYPES + "invalid-input", "Invalid input", 400, detail, errors);
    }

    public static Problem notFound(String detail) {
        return new Problem(TYPES + "not-found", "Not found", 404, detail, null);
    }

    public static Problem tooLarge(String detail) {
        return new Problem(TYPES + "content-too-large", "Content too large", 413, detail, null);
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(TYPES + "unsupported-media-type", "Unsupported media type", 415, detail, null);
    }

    public static Problem unavailable(String detail) {
        return new Problem(TYPES + "kafka-unavailable", "Service unavailable", 503, detail, null);
    }

    public static Problem internal() {
        return new Problem(TYPES + "internal-error", "Internal server error", 500,
                "an unexpected error occurred; it has been logged", null);
    }

    /** Any other HTTP status, with the RFC's generic type. */
    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }
}
