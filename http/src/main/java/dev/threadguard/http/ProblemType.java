package dev.threadguard.http;

/**
 * Every kind of error a Threadguard service answers, each with its HTTP status, its RFC 9457 {@code title} and
 * its {@code type} URI ({@code urn:threadguard:problem:<slug>}). Clients branch on {@code type}, never on
 * {@code detail}, which is prose and may change.
 */
public enum ProblemType {
    INVALID_INPUT(400, "Invalid input", "invalid-input"),
    INVALID_PARAMETER(400, "Invalid parameter", "invalid-parameter"),
    BAD_REQUEST(400, "Bad request", "bad-request"),
    UNAUTHORIZED(401, "Unauthorized", "unauthorized"),
    FORBIDDEN(403, "Forbidden", "forbidden"),
    NOT_FOUND(404, "Not found", "not-found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
    CONFLICT(409, "Conflict", "conflict"),
    CONTENT_TOO_LARGE(413, "Content too large", "content-too-large"),
    URI_TOO_LONG(414, "URI too long", "uri-too-long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),
    UNPROCESSABLE(422, "Unprocessable content", "unprocessable"),
    RATE_LIMITED(429, "Too many requests", "rate-limited"),
    HEADERS_TOO_LARGE(431, "Request header fields too large", "headers-too-large"),
    INTERNAL(500, "Internal server error", "internal-error"),
    UNAVAILABLE(503, "Service unavailable", "unavailable");

    private static final String PREFIX = "urn:threadguard:problem:";

    private final int status;
    private final String title;
    private final String uri;

    ProblemType(int status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.uri = PREFIX + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The {@code type} member of the problem: {@code urn:threadguard:problem:<slug>}. */
    public String uri() {
        return uri;
    }

    /** The type for an HTTP status raised outside our code (Jetty, Javalin); {@link #BAD_REQUEST} or {@link #INTERNAL} by class. */
    public static ProblemType forStatus(int status) {
        for (ProblemType t : values()) {
            if (t.status == status && t != INVALID_INPUT && t != INVALID_PARAMETER) {
                return t;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
