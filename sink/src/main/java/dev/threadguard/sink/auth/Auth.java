package dev.threadguard.sink.auth;

import dev.threadguard.http.ProblemException;
import dev.threadguard.http.ProblemType;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Moderator logins for the sink's HTTP server: {@link #install(Javalin)} puts a check in front of every
 * request and adds the session, login page and user routes.
 *
 * <p>Per request, in this order: what the request needs ({@link Access}); for anything but public requests
 * the session from the {@value #COOKIE} cookie (none: 401 problem for the API, a redirect to {@code /login} for
 * pages); the role (403); for state changes ({@code POST}, {@code DELETE}, ...) the origin check and the
 * session's CSRF token in {@value #CSRF_HEADER} (403). Logging in ({@code POST /api/session}) passes the origin
 * check too, so another site cannot log a browser into an account of its choosing.
 */
public final class Auth {
    public static final String COOKIE = "threadguard_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION_ATTRIBUTE = "threadguard.session";

    private final AuthConfig config;
    private final Sessions sessions;
    private final UserAdmin users;
    private final UserStore userStore;
    private final OidcLogin oidc;
    private final Clock clock;

    public Auth(DataSource dataSource, AuthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.oidc = config.oidc().map(c -> new OidcLogin(c, dataSource, clock)).orElse(null);
        this.userStore = new UserStore(dataSource);
        this.sessions = new Sessions(userStore, new SessionStore(dataSource), config, clock);
        this.users = new UserAdmin(userStore, clock);
    }

    public UserAdmin users() {
        return users;
    }

    public Sessions sessions() {
        return sessions;
    }

    public UserStore userStore() {
        return userStore;
    }

    public AuthConfig config() {
        return config;
    }

    /** Installs the per-request check and the session, login page and user routes. */
    public void install(Javalin app) {
        app.before(this::check);
        new SessionRoutes(this).register(app);
        OidcRoutes.register(app, this, oidc);
    }

    /** The session of a request that passed the check; empty on public routes without one. */
    public static Optional<Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION_ATTRIBUTE));
    }

    private void check(Context ctx) {
        String method = ctx.method().name();
        String path = ctx.path();
        Access access = Access.of(method, path, ctx.queryParam("view"));
        // Public routes do not read the session (a browser's cookie must not make /health depend on the database),
        // except the session routes themselves.
        boolean wanted = access != Access.PUBLIC || path.startsWith("/api/session");
        Optional<Session> session = wanted && ctx.cookie(COOKIE) != null ? sessions.find(ctx.cookie(COOKIE))
                : Optional.empty();
        session.ifPresent(s -> ctx.attribute(SESSION_ATTRIBUTE, s));
        if (access != Access.PUBLIC) {
            if (session.isEmpty()) {
                if (Access.isPage(method, path)) {
                    ctx.redirect("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
                    ctx.skipRemainingHandlers();
                    return;
                }
                throw new ProblemException(ProblemType.UNAUTHORIZED,
                        "log in first: POST /api/session with your user name and password, or open /login");
            }
            Role required = access == Access.ADMIN ? Role.ADMIN : Role.MODERATOR;
            if (!session.get().role().covers(required)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "this needs the role " + required.wire()
                        + "; you are logged in as " + session.get().role().wire());
            }
        }
        if (Access.changesState(method)) {
            checkOrigin(ctx);
            boolean loggingIn = path.equals("/api/session") && method.equals("POST");
            if (!loggingIn && !SessionTokens.same(ctx.header(CSRF_HEADER), session.map(Session::csrfToken).orElse(null))) {
                throw new ProblemException(ProblemType.FORBIDDEN, "missing or wrong " + CSRF_HEADER
                        + " header: send the csrfToken from GET /api/session with every change");
            }
        }
    }

    /** This server's origin as the request's browser sees it. */
    String ownOrigin(Context ctx) {
        return RequestOrigin.own(ctx.scheme(), ctx.header("Host"), ctx.header("X-Forwarded-Proto"),
                ctx.header("X-Forwarded-Host"), config.trustProxy());
    }

    java.time.Instant now() {
        return clock.instant();
    }

    /** The Set-Cookie value of a session; an empty token with Max-Age 0 clears it. */
    String sessionCookie(String token, Context ctx) {
        long maxAge = token.isEmpty() ? 0 : sessions.maxAge().toSeconds();
        return COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure(ctx) ? "; Secure" : "");
    }

    private void checkOrigin(Context ctx) {
        String own = ownOrigin(ctx);
        if (!RequestOrigin.sameOrigin(own, ctx.header("Origin"), ctx.header("Referer"))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "this change must come from a page of " + own
                    + " (the Origin header); requests from other sites are refused");
        }
    }

    /** The client's address: the connection's, or behind a trusted proxy the one the proxy appended. */
    String address(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-For");
        if (config.trustProxy() && forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return LogSafe.name(hops[hops.length - 1].trim());
        }
        return ctx.req().getRemoteAddr();
    }

    boolean secure(Context ctx) {
        return RequestOrigin.secure(ctx.scheme(), ctx.header("X-Forwarded-Proto"), config.trustProxy());
    }
}
