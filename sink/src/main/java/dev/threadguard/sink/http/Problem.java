package dev.threadguard.sink.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.threadguard.sink.decisions.RequestError;
import java.util.List;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. {@code parameter} names the
 * query or path parameter at fault, when there is one; {@code errors} the decisions of a request at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String parameter,
        List<RequestError> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";
}
