package dev.threadguard.sink.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in and out, and finding the session a request's token belongs to, with idle and absolute expiry.
 * Stateless itself: sessions are rows, so any number of sinks share them and a restart keeps moderators in.
 */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    /** Writing last-seen on every request would be a write per API call; within this, the idle clock is close enough. */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(15);

    /** What a login gave: the token for the cookie (never stored) and the session. */
    public record Login(String token, Session session) {
    }

    /** Why a login was refused. */
    public static final class LoginRefused extends RuntimeException {
        private final transient Optional<Duration> retryAfter;

        LoginRefused(String message, Optional<Duration> retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        /** Present when the attempt was over the rate limit. */
        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    private final UserStore users;
    private final SessionStore sessions;
    private final LoginLimiter limiter;
    private final AuthConfig config;
    private final Clock clock;

    public Sessions(UserStore users, SessionStore sessions, AuthConfig config, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.limiter = new LoginLimiter(config.loginsPerUser(), config.loginsPerAddress(), clock);
        this.config = config;
        this.clock = clock;
    }

    /**
     * Checks name and password and opens a session. Every attempt is audited.
     *
     * @param address the client's address, for the rate limit and the audit
     * @throws LoginRefused the same message for an unknown name, a wrong password and a disabled user; with
     *                      {@link LoginRefused#retryAfter()} when over the rate limit
     */
    public Login login(String username, String password, String address) {
        String shown = LogSafe.name(username);
        Instant now = clock.instant();
        Optional<Duration> wait = limiter.tryAttempt(shown, address);
        if (wait.isPresent()) {
            users.audit(now, shown, address, LoginOutcome.RATE_LIMITED);
            LOG.info("login of '{}' from {} refused: too many attempts", shown, address);
            throw new LoginRefused("too many login attempts; try again later", wait);
        }
        // A name no user can have (a NUL byte, say) is not looked up: it fails like an unknown name.
        Optional<UserStore.Credentials> found = validName(username).flatMap(users::credentials);
        boolean ok;
        if (found.isEmpty()) {
            Passwords.spendCheckTime(password);
            ok = false;
        } else {
            ok = Passwords.matches(password, found.get().passwordHash()) && !found.get().user().disabled();
        }
        if (!ok) {
            users.audit(now, shown, address, LoginOutcome.FAILED);
            LOG.info("login of '{}' from {} failed", shown, address);
            throw new LoginRefused("unknown user name or wrong password", Optional.empty());
        }
        User user = found.get().user();
        users.audit(now, user.name(), address, LoginOutcome.SUCCEEDED);
        return open(user.name(), user.role());
    }

    private static Optional<String> validName(String raw) {
        try {
            return Optional.of(User.checkName(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Opens a session for a user whose identity was established elsewhere (single sign-on). */
    public Login open(String username, Role role) {
        Instant now = clock.instant();
        sessions.deleteExpired(now.minus(config.sessionIdle()), now.minus(config.sessionMax()));
        String token = SessionTokens.newToken();
        Session session = new Session(SessionTokens.hash(token), username, role, SessionTokens.newToken(), now, now);
        sessions.create(session);
        return new Login(token, session);
    }

    /** The live session of {@code token}; an expired one is removed and not returned. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Optional<Session> found = sessions.find(SessionTokens.hash(token));
        if (found.isEmpty()) {
            return found;
        }
        Session s = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(s.lastSeen().plus(config.sessionIdle())) || !now.isBefore(s.created().plus(config.sessionMax()))) {
            sessions.delete(s.tokenHash());
            return Optional.empty();
        }
        if (!now.isBefore(s.lastSeen().plus(TOUCH_EVERY))) {
            sessions.touch(s.tokenHash(), now);
        }
        return found;
    }

    /** Ends the session and records the logout. */
    public void logout(Session session, String address) {
        sessions.delete(session.tokenHash());
        users.audit(clock.instant(), session.username(), address, LoginOutcome.LOGGED_OUT);
    }

    /** How long a session cookie may live: the absolute expiry. */
    Duration maxAge() {
        return config.sessionMax();
    }
}
