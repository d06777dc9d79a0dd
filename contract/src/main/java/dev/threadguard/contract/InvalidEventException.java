package dev.threadguard.contract;

import java.util.List;
import java.util.stream.Collectors;

/** An input that cannot be accepted, with every problem found in it. */
public class InvalidEventException extends RuntimeException {
    private final transient List<Violation> violations;

    public InvalidEventException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
