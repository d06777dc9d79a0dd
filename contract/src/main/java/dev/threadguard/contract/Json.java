package dev.threadguard.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.List;

/** The one JSON mapping of the wire format (dataset-format.md), shared by HTTP, Kafka and files. */
public final class Json {
    /** Thread-safe once configured; never reconfigured after this line. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Unknown fields are allowed: "fields beyond these are welcome" (dataset-format.md).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // `type` is optional where the route or topic already says what the object is.
            .disable(MapperFeature.REQUIRE_TYPE_ID_FOR_SUBTYPES)
            .build();

    private Json() {
    }

    /**
     * Reads one object of the given type and, for events, validates it.
     *
     * @throws InvalidEventException naming the field at fault, for malformed JSON, a wrong field type or a rule broken
     */
    public static <T> T read(byte[] bytes, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new InvalidEventException(List.of(violationOf(e)));
        }
        return checked(value);
    }

    public static <T> T read(String text, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new InvalidEventException(List.of(violationOf(e)));
        }
        return checked(value);
    }

    private static <T> T checked(T value) {
        if (value == null) {
            throw new InvalidEventException(List.of(new Violation("$", "expected a JSON object, got null")));
        }
        if (value instanceof Event event) {
            List<Violation> violations = EventValidator.validate(event);
            if (!violations.isEmpty()) {
                throw new InvalidEventException(violations);
            }
        }
        return value;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Turns Jackson's exception into a field-level problem a client can act on. */
    public static Violation violationOf(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message != null) {
            // Jackson appends hints about its own internals; the first line says what is wrong.
            message = message.lines().findFirst().orElse(message);
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            return new Violation(path(jme.getPath()), message);
        }
        return new Violation("$", "not valid JSON: " + message);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }
}
