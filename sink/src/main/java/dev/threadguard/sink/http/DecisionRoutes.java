package dev.threadguard.sink.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Violation;
import dev.threadguard.http.Problem;
import dev.threadguard.http.ProblemException;
import dev.threadguard.http.ProblemType;
import dev.threadguard.sink.decisions.DecisionConflictException;
import dev.threadguard.sink.decisions.DecisionIntake;
import dev.threadguard.sink.decisions.DecisionRequest;
import dev.threadguard.sink.decisions.DecisionsRefusedException;
import dev.threadguard.sink.decisions.DecisionsUnavailableException;
import dev.threadguard.sink.decisions.ModeratorIdentity;
import dev.threadguard.sink.decisions.RequestError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/decisions}: one decision (a JSON object) or many (an array), all taken or none; 202 once
 * Kafka has them. Errors name each decision at fault by its JSON path ({@code [3].commentId} in an array,
 * {@code commentId} for a single object): 400 for a body that is no decision or a decision that breaks the rules
 * (a missing, too long or unknown field value, a control character), 422 for well-formed decisions that do not fit
 * what is stored (no such comment, a correction of a flag that was not raised), 409 for a {@code decisionId} reused
 * for another decision, 503 while Kafka does not take them.
 */
final class DecisionRoutes {
    static final String DECISIONS = "/api/decisions";
    /** How long a client should wait before sending decisions again after a 503. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final DecisionIntake intake;
    private final ModeratorIdentity identity;

    DecisionRoutes(DecisionIntake intake, ModeratorIdentity identity) {
        this.intake = intake;
        this.identity = identity;
    }

    void register(Javalin app) {
        app.post(DECISIONS, this::decide);
    }

    private void decide(Context ctx) {
        String contentType = ctx.contentType();
        // Only JSON: a cross-site HTML form cannot send it, so another site cannot decide in a moderator's name.
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the decisions as application/json");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            Violation v = Json.violationOf(e);
            throw invalidBody(v.message());
        }
        if (body == null || !(body.isObject() || body.isArray())) {
            throw invalidBody("expected a decision object or an array of them");
        }
        boolean bulk = body.isArray();
        if (bulk && (body.isEmpty() || body.size() > DecisionIntake.MAX_DECISIONS_PER_REQUEST)) {
            throw invalidBody("send between 1 and " + DecisionIntake.MAX_DECISIONS_PER_REQUEST
                    + " decisions in one request, got " + body.size());
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (bulk) {
            body.forEach(nodes::add);
        } else {
            nodes.add(body);
        }
        List<DecisionRequest> requests = new ArrayList<>();
        List<RequestError> errors = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            try {
                requests.add(Json.MAPPER.treeToValue(nodes.get(i), DecisionRequest.class));
            } catch (JsonProcessingException e) {
                errors.add(shapeError(i, e));
                requests.add(null);
            }
        }
        try {
            if (!errors.isEmpty()) {
                throw new DecisionsRefusedException(errors);
            }
            List<Decision> taken = intake.take(requests, claimed -> identity.moderator(ctx, claimed));
            ctx.status(HttpStatus.ACCEPTED).json(new DecisionsAccepted(taken));
        } catch (DecisionsRefusedException e) {
            // 400 when the request itself breaks the rules; 422 when it is well-formed but does not fit what is stored.
            ProblemType type = e.errors().stream().anyMatch(RequestError::malformed)
                    ? ProblemType.INVALID_INPUT : ProblemType.UNPROCESSABLE;
            throw new ProblemException(new Problem(type.uri(), type.title(), type.status(), "no decision was taken: "
                    + e.errors().size() + " errors; see errors", null, null, violations(e.errors(), bulk)));
        } catch (DecisionConflictException e) {
            throw new ProblemException(new Problem(ProblemType.CONFLICT.uri(), ProblemType.CONFLICT.title(),
                    ProblemType.CONFLICT.status(), "no decision was taken: a decisionId names another decision; "
                    + "a resend must repeat the decision exactly, a new decision needs a new decisionId", null, null,
                    violations(e.errors(), bulk)));
        } catch (DecisionsUnavailableException e) {
            throw new ProblemException(Problem.of(ProblemType.UNAVAILABLE,
                    "Kafka did not take the decisions; nothing was decided, try again"),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
    }

    private static ProblemException invalidBody(String message) {
        return new ProblemException(Problem.invalidInput("the body is not a decision or an array of decisions: "
                + message, List.of(new Violation("body", message))));
    }

    /** Jackson's own messages name Java types; the client is told what the field must be instead. */
    private static RequestError shapeError(int index, JsonProcessingException e) {
        String field = "";
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            JsonMappingException.Reference first = jme.getPath().get(0);
            field = first.getFieldName() == null ? "" : first.getFieldName();
        }
        String message = switch (field) {
            case "action" -> "must be one of " + Arrays.toString(DecisionAction.values());
            case "" -> "expected a decision object";
            default -> "must be a string";
        };
        return RequestError.malformed(index, field, message);
    }

    /** Each error as a JSON path into the body: {@code [3].commentId}, or {@code commentId} for a single object. */
    static List<Violation> violations(List<RequestError> errors, boolean bulk) {
        return errors.stream().map(e -> {
            String at = bulk ? "[" + e.index() + "]" : "";
            String field = e.field().isEmpty() ? (bulk ? at : "body") : (bulk ? at + "." : "") + e.field();
            return new Violation(field, e.message());
        }).toList();
    }
}
