package dev.threadguard.sink.auth;

import java.util.Locale;
import java.util.Set;

/**
 * Who may make a request, by method and path: the one list of what answers without a session. Everything not
 * named here needs a session (so a new route is protected until someone decides otherwise), and the user
 * routes need an admin.
 */
public enum Access {
    /** Anyone. */
    PUBLIC,
    /** A logged-in moderator or admin. */
    MODERATOR,
    /** A logged-in admin. */
    ADMIN;

    /**
     * Files anyone may fetch: the login page and what it loads, and the pages' session script, which is what takes
     * a person whose session has ended to the login page (it must load even when the session ended between the
     * page and its scripts; it holds nothing but code).
     */
    static final Set<String> PUBLIC_FILES = Set.of("/login", "/login.html", "/login.js", "/app.css", "/favicon.svg",
            "/session.js");

    /**
     * @param method    the HTTP method, any case
     * @param path      the request path, not decoded further
     * @param viewParam the {@code view} query parameter (the thread API's public view is public)
     */
    public static Access of(String method, String path, String viewParam) {
        String m = method.toUpperCase(Locale.ROOT);
        boolean read = m.equals("GET") || m.equals("HEAD");
        if (read && (path.equals("/health") || path.equals("/metrics") || PUBLIC_FILES.contains(path))) {
            return PUBLIC;
        }
        if (read && (path.equals("/login/oidc") || path.equals("/login/oidc/callback")
                || path.equals("/api/session/options"))) {
            // Single sign-on: the way to the provider and back, and whether it is on (for the login page).
            return PUBLIC;
        }
        if (path.equals("/api/session") && (m.equals("POST") || m.equals("GET"))) {
            // Logging in needs no session; "who am I" answers 401 itself when there is none.
            return PUBLIC;
        }
        if (read && path.startsWith("/api/threads/") && path.indexOf('/', "/api/threads/".length()) < 0
                && viewParam != null && viewParam.trim().equalsIgnoreCase("public")) {
            return PUBLIC;
        }
        if (path.equals("/api/users") || path.startsWith("/api/users/") || path.equals("/api/logins")) {
            return ADMIN;
        }
        return MODERATOR;
    }

    /** Whether a person's browser asks for this path as a page (sent to the login page rather than given a 401). */
    public static boolean isPage(String method, String path) {
        return (method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD"))
                && (path.equals("/") || path.endsWith(".html"));
    }

    /** Whether the method changes state, so the request must pass the CSRF checks. */
    public static boolean changesState(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
    }
}
