package dev.threadguard.sink.decisions;

import java.util.List;
import java.util.stream.Collectors;

/** Some decisions of a request cannot be taken; none of them was published. */
public class DecisionsRefusedException extends RuntimeException {
    private final transient List<RequestError> errors;

    public DecisionsRefusedException(List<RequestError> errors) {
        super(errors.stream().map(e -> "[" + e.index() + "]." + e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<RequestError> errors() {
        return errors;
    }
}
