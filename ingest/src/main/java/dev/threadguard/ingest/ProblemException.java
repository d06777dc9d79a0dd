package dev.threadguard.ingest;

/** Ends a request with a problem response; thrown where the problem is found, answered in one place. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
