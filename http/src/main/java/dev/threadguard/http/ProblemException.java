package dev.threadguard.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ends a request with a problem response: thrown where the problem is found, answered in one place
 * ({@link HttpServers}). {@code headers} go with the answer ({@code Retry-After}, {@code Allow},
 * {@code WWW-Authenticate}, {@code RateLimit-*}).
 */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public static ProblemException invalidParameter(String parameter, String detail) {
        return new ProblemException(Problem.invalidParameter(parameter, detail));
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
