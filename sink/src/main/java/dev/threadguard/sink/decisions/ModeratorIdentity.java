package dev.threadguard.sink.decisions;

import dev.threadguard.contract.Decision;
import io.javalin.http.Context;

/**
 * Who takes a decision. Today moderators type their name into the page and it comes with each
 * decision; once they log in, an implementation reading the authenticated principal from the request
 * replaces {@link #claimedName()} and the {@code moderator} field of requests is ignored.
 */
@FunctionalInterface
public interface ModeratorIdentity {
    /**
     * @param claimed the {@code moderator} field of the request
     * @return the moderator's name
     * @throws IllegalArgumentException with a message for the client when no moderator can be named
     */
    String moderator(Context request, String claimed);

    /** The name the moderator typed: non-blank, at most {@link Decision#MAX_MODERATOR_LENGTH} characters. */
    static ModeratorIdentity claimedName() {
        return (request, claimed) -> {
            if (claimed == null || claimed.isBlank()) {
                throw new IllegalArgumentException("is required: type your name on the page before deciding");
            }
            String name = claimed.strip();
            if (name.length() > Decision.MAX_MODERATOR_LENGTH) {
                throw new IllegalArgumentException("must be at most " + Decision.MAX_MODERATOR_LENGTH
                        + " characters, got " + name.length());
            }
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("must not contain control characters");
            }
            return name;
        };
    }
}
