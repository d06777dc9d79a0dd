package dev.threadguard.sink.auth;

import java.time.Instant;

/** One row of the login audit: when, the name given (made safe to show), the client address, the outcome. */
public record LoginAttempt(Instant at, String username, String address, LoginOutcome outcome) {
}
