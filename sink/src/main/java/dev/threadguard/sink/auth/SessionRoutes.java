package dev.threadguard.sink.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Violation;
import dev.threadguard.http.Problem;
import dev.threadguard.http.ProblemException;
import dev.threadguard.http.ProblemType;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/session} (log in, who am I, log out), the {@code /login} page, and the admin's user routes
 * ({@code /api/users}, {@code /api/logins}). Shapes in {@code /openapi.yaml}.
 */
final class SessionRoutes {
    /** What {@code GET /api/session} answers. */
    record Me(String username, String role, String csrfToken) {
    }

    /** A user as the admin API shows it (never the hash). */
    record UserView(String name, String role, boolean disabled, String created) {
        static UserView of(User u) {
            return new UserView(u.name(), u.role().wire(), u.disabled(), u.created().toString());
        }
    }

    private final Auth auth;

    SessionRoutes(Auth auth) {
        this.auth = auth;
    }

    void register(Javalin app) {
        app.post("/api/session", this::login);
        app.get("/api/session", this::me);
        app.delete("/api/session", this::logout);
        app.get("/login", ctx -> page(ctx, "/web/login.html"));
        app.get("/api/users", ctx -> ctx.json(auth.users().list().stream().map(UserView::of).toList()));
        app.post("/api/users", this::addUser);
        app.post("/api/users/{name}/disable", this::disableUser);
        app.get("/api/logins", ctx -> ctx.json(auth.userStore().loginAudit(200)));
    }

    private void login(Context ctx) {
        JsonNode body = jsonBody(ctx);
        String username = text(body, "username");
        String password = text(body, "password");
        try {
            Sessions.Login login = auth.sessions().login(username, password, auth.address(ctx));
            // A session the browser already had is ended: a login never continues an old (maybe planted) session.
            Auth.session(ctx).ifPresent(old -> auth.sessions().logout(old, auth.address(ctx)));
            ctx.res().addHeader("Set-Cookie", auth.sessionCookie(login.token(), ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        } catch (Sessions.LoginRefused e) {
            if (e.retryAfter().isPresent()) {
                long seconds = Math.max(1, (e.retryAfter().get().toMillis() + 999) / 1000);
                throw new ProblemException(Problem.of(ProblemType.RATE_LIMITED, e.getMessage()),
                        Map.of("Retry-After", Long.toString(seconds)));
            }
            throw new ProblemException(ProblemType.UNAUTHORIZED, e.getMessage());
        }
    }

    private void me(Context ctx) {
        Session s = Auth.session(ctx).orElseThrow(() ->
                new ProblemException(ProblemType.UNAUTHORIZED, "not logged in (or the session has expired)"));
        ctx.header("Cache-Control", "no-store");
        ctx.json(new Me(s.username(), s.role().wire(), s.csrfToken()));
    }

    private void logout(Context ctx) {
        Auth.session(ctx).ifPresent(s -> auth.sessions().logout(s, auth.address(ctx)));
        ctx.res().addHeader("Set-Cookie", auth.sessionCookie("", ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void addUser(Context ctx) {
        JsonNode body = jsonBody(ctx);
        Role role;
        try {
            role = Role.parse(text(body, "role"));
        } catch (IllegalArgumentException e) {
            throw invalid("role", e.getMessage());
        }
        String name = text(body, "name");
        try {
            User.checkName(name);
        } catch (IllegalArgumentException e) {
            throw invalid("name", e.getMessage());
        }
        try {
            Passwords.check(text(body, "password"));
        } catch (IllegalArgumentException e) {
            throw invalid("password", e.getMessage());
        }
        try {
            User user = auth.users().add(name, role, text(body, "password"));
            ctx.status(HttpStatus.CREATED).json(UserView.of(user));
        } catch (IllegalStateException e) {
            throw new ProblemException(ProblemType.CONFLICT, e.getMessage());
        }
    }

    private void disableUser(Context ctx) {
        String name = ctx.pathParam("name");
        if (!auth.users().disable(name)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no user named '" + LogSafe.name(name) + "'");
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static JsonNode jsonBody(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send a JSON object as application/json");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            Violation v = Json.violationOf(e);
            throw new ProblemException(Problem.invalidInput(v.message(), List.of(v)));
        }
        if (body == null || !body.isObject()) {
            throw new ProblemException(Problem.invalidInput("expected a JSON object",
                    List.of(new Violation("body", "expected a JSON object"))));
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw invalid(field, "is required, as a string");
        }
        return v.asText();
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalidInput(field + ": " + message, List.of(new Violation(field, message))));
    }

    private static void page(Context ctx, String resource) throws IOException {
        try (InputStream in = SessionRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "the login page is missing from this build");
            }
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        }
    }
}
