package dev.threadguard.sink.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * A position in the review queue: the last item of a page. Clients get it as an opaque token, so the
 * keyset (posted_at, comment_id) may change later without breaking them.
 */
public record ReviewCursor(Instant postedAt, String commentId) {
    private static final String VERSION = "1";
    private static final char SEPARATOR = '\n';

    public ReviewCursor {
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(commentId, "commentId");
    }

    public String encode() {
        String plain = VERSION + SEPARATOR + postedAt + SEPARATOR + commentId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the token was not made by {@link #encode()} */
    public static ReviewCursor decode(String token) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor returned by this API", e);
        }
        // Ids cannot hold control characters (EventValidator), so the newline separator is unambiguous.
        String[] parts = plain.split(String.valueOf(SEPARATOR), 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not a cursor returned by this API");
        }
        try {
            return new ReviewCursor(Instant.parse(parts[1]), parts[2]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a cursor returned by this API", e);
        }
    }
}
