package dev.threadguard.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The one JSON mapping of the wire format (dataset-format.md), shared by HTTP, Kafka and files. */
public final class Json {
    /** Thread-safe once configured; never reconfigured after this line. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Registered after the JavaTimeModule, so it replaces its Instant reader: ISO-8601 strings only.
            .addModule(new SimpleModule("threadguard-strict-instants")
                    .addDeserializer(Instant.class, new StrictInstantDeserializer()))
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
     * Reads one object of the given type and, for events and decisions, validates it, its instants against
     * {@link TimeRange#forRecords()}. A {@link ModeratedComment} is only read: its reader checks it with
     * {@link EventValidator#validateModerated} and still has the value at hand for a dead letter.
     *
     * @throws InvalidEventException naming the field at fault, for malformed JSON, a wrong field type or a rule broken
     */
    public static <T> T read(byte[] bytes, Class<T> type) {
        return read(bytes, type, TimeRange.forRecords());
    }

    /** {@link #read(byte[], Class)} with the instants checked against {@code range}. */
    public static <T> T read(byte[] bytes, Class<T> type, TimeRange range) {
        T value;
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new InvalidEventException(List.of(violationOf(e)));
        }
        return checked(value, range);
    }

    public static <T> T read(String text, Class<T> type) {
        return read(text, type, TimeRange.forRecords());
    }

    public static <T> T read(String text, Class<T> type, TimeRange range) {
        T value;
        try {
            value = MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new InvalidEventException(List.of(violationOf(e)));
        }
        return checked(value, range);
    }

    private static <T> T checked(T value, TimeRange range) {
        if (value == null) {
            throw new InvalidEventException(List.of(new Violation("$", "expected a JSON object, got null")));
        }
        List<Violation> violations = List.of();
        if (value instanceof Event event) {
            violations = EventValidator.validate(event, range);
        } else if (value instanceof Decision decision) {
            violations = decision.violations(range);
        }
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
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

    /**
     * Turns Jackson's exception into a field-level problem a client can act on, in the wire format's terms: Jackson's
     * own wording names Java types ({@code java.lang.String}, our record classes), which a client has no use for.
     */
    public static Violation violationOf(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message != null) {
            // Jackson appends hints about its own internals; the first line says what is wrong.
            message = message.lines().findFirst().orElse(message);
        }
        if (e instanceof InvalidTypeIdException t) {
            return new Violation("type", "'" + t.getTypeId() + "' is not accepted here; expected "
                    + (t.getBaseType() != null && t.getBaseType().getRawClass() == Event.class
                            ? "article or comment" : expectedTypeId(t)));
        }
        if (e instanceof JsonMappingException jme) {
            String field = jme.getPath().isEmpty() ? "$" : path(jme.getPath());
            if (message != null && message.startsWith("Trailing token")) {
                message = "one JSON value is expected; more follows after it";
            } else if (message == null || INTERNALS.matcher(message).find()) {
                message = e instanceof MismatchedInputException m && m.getTargetType() != null
                        ? "must be " + describe(m.getTargetType()) : "has the wrong type";
            }
            return new Violation(field, message);
        }
        if (message == null || INTERNALS.matcher(message).find()) {
            message = "the input cannot be read";
        }
        return new Violation("$", "not valid JSON: " + message);
    }

    /** Jackson's wording that gives away Java: a quoted class name, a package. */
    private static final Pattern INTERNALS = Pattern.compile("`|\\b(?:java|javax|jdk|com|org|dev)\\.[a-z]");

    private static String expectedTypeId(InvalidTypeIdException t) {
        if (t.getBaseType() == null) {
            return "no type";
        }
        Class<?> raw = t.getBaseType().getRawClass();
        return raw == Article.class ? "article" : raw == Comment.class ? "comment" : "no type";
    }

    /** A Java type as the wire format's JSON value. */
    private static String describe(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (TemporalAccessor.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant string such as \"2013-12-17T10:02:00Z\"";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                names.append(names.isEmpty() ? "" : ", ").append(((Enum<?>) constant).name());
            }
            return "one of " + names;
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a JSON object";
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
