package dev.threadguard.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.threadguard.contract.Violation;
import java.util.List;

/**
 * An error body as RFC 9457 "Problem Details for HTTP APIs", sent as {@code application/problem+json} by every
 * Threadguard service. {@code detail} says what went wrong and what to do, in prose, without internals (no class
 * names, stack traces, SQL or broker addresses); {@code instance} is the request path; {@code parameter} names the
 * query or path parameter at fault; {@code errors} lists every field at fault in a body, each {@code field} a
 * JSON path such as {@code body}, {@code [3].postedAt} or {@code line 7}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String parameter,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null, null);
    }

    /** A body that breaks the contract: every field at fault in {@code errors}. */
    public static Problem invalidInput(String detail, List<Violation> errors) {
        return new Problem(ProblemType.INVALID_INPUT.uri(), ProblemType.INVALID_INPUT.title(), 400, detail, null, null,
                errors);
    }

    /** A bad query or path parameter, named in {@code parameter}. */
    public static Problem invalidParameter(String parameter, String detail) {
        return new Problem(ProblemType.INVALID_PARAMETER.uri(), ProblemType.INVALID_PARAMETER.title(), 400, detail,
                null, parameter, null);
    }

    /** The same problem about the request at {@code path}. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, parameter, errors);
    }

    /** This problem with its {@code errors}. */
    public Problem withErrors(List<Violation> fieldErrors) {
        return new Problem(type, title, status, detail, instance, parameter, fieldErrors);
    }

    /** The {@link ProblemType} this problem is of, if it is one of ours. */
    @JsonIgnore
    public ProblemType kind() {
        for (ProblemType t : ProblemType.values()) {
            if (t.uri().equals(type)) {
                return t;
            }
        }
        return ProblemType.forStatus(status);
    }
}
