package dev.threadguard.sink.auth;

import java.time.Instant;

/**
 * A logged-in user's session, as the request handlers see it.
 *
 * @param tokenHash the SHA-256 of the cookie's token (the token itself is never stored)
 * @param csrfToken the synchronizer token the page must send in {@code X-CSRF-Token} with every state change
 */
public record Session(String tokenHash, String username, Role role, String csrfToken, Instant created,
        Instant lastSeen) {
}
