package dev.threadguard.sink.decisions;

import java.util.List;

/**
 * Some decisions of a request reuse a {@code decisionId} for another decision (taken before, or elsewhere in
 * the same request); none of the request was published.
 */
public class DecisionConflictException extends RuntimeException {
    private final transient List<RequestError> errors;

    public DecisionConflictException(List<RequestError> errors) {
        super(errors.size() + " decisions reuse a decisionId", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<RequestError> errors() {
        return errors;
    }
}
