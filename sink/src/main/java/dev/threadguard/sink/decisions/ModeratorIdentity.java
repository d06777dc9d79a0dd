package dev.threadguard.sink.decisions;

import dev.threadguard.sink.auth.Auth;
import dev.threadguard.sink.auth.Session;
import io.javalin.http.Context;

/**
 * Who takes a decision: the logged-in user of the request's session, never a name the request claims. A
 * {@code moderator} field in a decision's body is ignored (the 202 answer echoes each decision with the name
 * that was recorded), so an old client that still sends one keeps working and cannot decide in another's name.
 */
@FunctionalInterface
public interface ModeratorIdentity {
    /**
     * @param claimed the {@code moderator} field of the request, ignored by {@link #fromSession()}
     * @return the moderator's name
     * @throws IllegalArgumentException with a message for the client when no moderator can be named
     */
    String moderator(Context request, String claimed);

    /** The name of the session's user (the request passed {@link Auth}'s check, so there is one). */
    static ModeratorIdentity fromSession() {
        return (request, claimed) -> Auth.session(request).map(Session::username)
                .orElseThrow(() -> new IllegalArgumentException("is taken from your login: log in first"));
    }
}
