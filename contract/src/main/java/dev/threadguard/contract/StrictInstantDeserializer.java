package dev.threadguard.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Reads an {@link Instant} only from an ISO-8601 string ({@code 2013-12-17T10:02:00Z}, fractions of a second and
 * offsets such as {@code +01:00} allowed). jackson-datatype-jsr310 also takes numbers (epoch seconds, so
 * {@code 1e400} became 1970) and digit strings; a number is ambiguous (seconds or milliseconds?), so it is refused.
 * Whether the instant is in range is the validators' job ({@link TimeRange}).
 */
final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {
    static final String EXPECTED = "must be an ISO-8601 instant string such as \"2013-12-17T10:02:00Z\"";
    private static final int MAX_ECHO = 40;

    StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw MismatchedInputException.from(p, Instant.class, EXPECTED + ", got " + describe(p.currentToken()));
        }
        String text = p.getText();
        try {
            return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        } catch (DateTimeException e) {
            String echo = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "…" : text;
            throw InvalidFormatException.from(p, EXPECTED + ", got \"" + echo + "\"", text, Instant.class);
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> "another JSON value";
        };
    }
}
