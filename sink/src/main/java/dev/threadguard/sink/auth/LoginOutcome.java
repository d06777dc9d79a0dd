package dev.threadguard.sink.auth;

/** What became of a login attempt, as the login audit records it. */
public enum LoginOutcome {
    SUCCEEDED,
    /** Unknown name, wrong password or disabled user: the client is told the same for all three. */
    FAILED,
    RATE_LIMITED,
    LOGGED_OUT
}
