package dev.threadguard.sink.auth;

import dev.threadguard.http.ProblemException;
import dev.threadguard.http.ProblemType;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /login/oidc} (off to the provider) and {@code GET /login/oidc/callback} (back, logged in), and
 * {@code GET /api/session/options} (whether the login page offers single sign-on).
 */
final class OidcRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OidcRoutes.class);
    static final String STATE_COOKIE = "threadguard_oidc";
    static final String CALLBACK = "/login/oidc/callback";

    private final Auth auth;
    private final OidcLogin login;

    OidcRoutes(Auth auth, OidcLogin login) {
        this.auth = auth;
        this.login = login;
    }

    static void register(Javalin app, Auth auth, OidcLogin login) {
        app.get("/api/session/options", ctx -> ctx.json(Map.of("singleSignOn", login != null)));
        if (login != null) {
            OidcRoutes routes = new OidcRoutes(auth, login);
            app.get("/login/oidc", routes::begin);
            app.get(CALLBACK, routes::callback);
        }
    }

    private URI callbackUri(Context ctx) {
        return URI.create(auth.ownOrigin(ctx) + CALLBACK);
    }

    private void begin(Context ctx) {
        String next = safeNext(ctx.queryParam("next"));
        OidcLogin.Redirect redirect = refusedAs403(() -> login.begin(callbackUri(ctx), next));
        // Lax, not Strict: the browser must send it back on the provider's (cross-site) redirect to the callback.
        ctx.res().addHeader("Set-Cookie", STATE_COOKIE + "=" + redirect.state() + "; Path=/login/oidc; Max-Age="
                + OidcLogin.PENDING.toSeconds() + "; HttpOnly; SameSite=Lax" + (auth.secure(ctx) ? "; Secure" : ""));
        ctx.redirect(redirect.location().toString(), HttpStatus.FOUND);
    }

    private void callback(Context ctx) {
        URI request = URI.create(callbackUri(ctx) + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        OidcLogin.Finished done = refusedAs403(() -> login.finish(request, callbackUri(ctx), ctx.cookie(STATE_COOKIE)));
        User user;
        try {
            user = auth.userStore().provisionSso(done.identity().username(), done.identity().role(), auth.now());
        } catch (IllegalStateException e) {
            auth.userStore().audit(auth.now(), done.identity().username(), auth.address(ctx), LoginOutcome.FAILED);
            throw new ProblemException(ProblemType.FORBIDDEN, e.getMessage());
        }
        auth.userStore().audit(auth.now(), user.name(), auth.address(ctx), LoginOutcome.SUCCEEDED);
        Sessions.Login session = auth.sessions().open(user.name(), user.role());
        LOG.info("single sign-on of {} as {}", user.name(), user.role().wire());
        ctx.res().addHeader("Set-Cookie", STATE_COOKIE + "=; Path=/login/oidc; Max-Age=0; HttpOnly; SameSite=Lax");
        ctx.res().addHeader("Set-Cookie", auth.sessionCookie(session.token(), ctx));
        // A page, not a redirect: after the provider's cross-site redirect, a further redirect would still count
        // as cross-site and the browser would hold back the SameSite=Strict session cookie. The page's own
        // navigation is same-site.
        ctx.contentType("text/html; charset=utf-8").result("<!doctype html><meta http-equiv=\"refresh\" content=\"0;url="
                + done.next() + "\"><title>Logged in</title><a href=\"" + done.next() + "\">Continue</a>");
    }

    /** Only a path on this site (see login.js). */
    static String safeNext(String raw) {
        return raw != null && raw.matches("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@/?#%-]*") && !raw.contains("\"")
                ? raw : "/";
    }

    private static <T> T refusedAs403(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (OidcLogin.Refused e) {
            throw new ProblemException(ProblemType.FORBIDDEN, e.getMessage());
        }
    }
}
