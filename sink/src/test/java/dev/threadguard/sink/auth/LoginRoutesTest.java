package dev.threadguard.sink.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Json;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.Samples;
import dev.threadguard.sink.decisions.DecisionIntake;
import dev.threadguard.sink.decisions.DecisionPublisher;
import dev.threadguard.sink.http.HealthReport;
import dev.threadguard.sink.http.SinkRoutes;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.Change;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.DecisionStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logins, sessions, CSRF and roles over HTTP, on the sink's real routes and a real PostgreSQL, with a clock the
 * tests move. The server trusts a proxy, so each test can come from its own address ({@code X-Forwarded-For})
 * and the rate limits of one test do not spill into another.
 */
class LoginRoutesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "correct horse battery";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));

    private static HikariDataSource pool;
    private static Javalin server;
    private static DecisionPublisher publisher;
    private static Auth auth;
    private static String base;

    @BeforeAll
    static void start() {
        pool = FreshDatabase.create("sink_auth").migratedPool();
        CommentStore store = new CommentStore(pool, new ModerationPolicy(Map.of()));
        store.apply(List.of(new Change.ArticleUpsert(Samples.article("a-1", "Skype on Azure"), "articles", 0, 0)));
        // Nothing reaches Kafka here: the decisions these tests send are refused before publishing.
        publisher = new DecisionPublisher("127.0.0.1:1", "login-routes-test");
        auth = new Auth(pool, new AuthConfig(Duration.ofMinutes(30), Duration.ofHours(12), true, 5, 20,
                Optional.empty(), false, Optional.empty()), CLOCK);
        DecisionStore decisions = new DecisionStore(pool);
        server = new SinkRoutes(store, decisions, new DecisionIntake(store, decisions, publisher, CLOCK), auth,
                new ModerationPolicy(Map.of()), List.of("Spam"), () -> HealthReport.of(true, true), CLOCK)
                .server().start(0);
        base = "http://localhost:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        publisher.close();
        pool.close();
    }

    private static String newUser(Role role) {
        String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
        auth.users().add(name, role, PASSWORD);
        return name;
    }

    private static String address() {
        return "10.0." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }

    private static HttpResponse<String> login(String name, String password, String from) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .header("Content-Type", "application/json").header("Origin", base).header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("username", name,
                        "password", password)))).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailPart) throws IOException {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).contains(detailPart);
        assertThat(response.body()).doesNotContain("Exception", "dev.threadguard");
    }

    @Test
    void aLoginSetsAStrictHttpOnlyCookieAndTheSessionSaysWhoIsLoggedIn() throws Exception {
        String name = newUser(Role.MODERATOR);
        HttpResponse<String> response = login(name.toUpperCase(), PASSWORD, address());

        assertThat(response.statusCode()).isEqualTo(204);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(Auth.COOKIE + "=").contains("; HttpOnly", "; SameSite=Strict", "; Path=/",
                "; Max-Age=43200").doesNotContain("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        JsonNode me = Json.MAPPER.readTree(get("/api/session", cookie).body());
        assertThat(me.path("username").asText()).isEqualTo(name);
        assertThat(me.path("role").asText()).isEqualTo("moderator");
        assertThat(me.path("csrfToken").asText()).hasSizeGreaterThan(40);
        assertThat(get("/api/review-queue", cookie).statusCode()).isEqualTo(200);

        // Only a hash of the token is stored.
        String token = cookie.substring(cookie.indexOf('=') + 1);
        assertThat(column("SELECT token_hash FROM sessions")).doesNotContain(token).contains(SessionTokens.hash(token));
    }

    @Test
    void theCookieIsSecureWhenTheRequestCameOverTls() throws Exception {
        String name = newUser(Role.MODERATOR);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .header("Content-Type", "application/json").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "moderation.example.com").header("Origin", "https://moderation.example.com")
                .header("X-Forwarded-For", address())
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("username", name,
                        "password", PASSWORD)))).build());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void wrongPasswordsUnknownAndDisabledUsersAreRefusedAlikeAndAudited() throws Exception {
        String name = newUser(Role.MODERATOR);
        String disabled = newUser(Role.MODERATOR);
        auth.users().disable(disabled);

        assertProblem(login(name, "not the password", address()), 401, "unknown user name or wrong password");
        assertProblem(login("nobody-" + name, PASSWORD, address()), 401, "unknown user name or wrong password");
        assertProblem(login(disabled, PASSWORD, address()), 401, "unknown user name or wrong password");
        assertProblem(login("bad\u0000name", PASSWORD, address()), 401, "unknown user name or wrong password");
        assertThat(login(name, PASSWORD, address()).statusCode()).isEqualTo(204);

        List<String> audit = column("SELECT username || ' ' || outcome FROM login_audit");
        assertThat(audit).contains(name + " FAILED", "nobody-" + name + " FAILED", disabled + " FAILED",
                "bad?name FAILED", name + " SUCCEEDED");
        assertThat(column("SELECT username || address || outcome FROM login_audit"))
                .noneMatch(row -> row.contains(PASSWORD) || row.contains("not the password"));
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        LoggedIn session = LoggedIn.moderator(base, auth.users());
        assertThat(session.get("/api/audit").statusCode()).isEqualTo(200);

        HttpResponse<String> out = send(session.request("/api/session").DELETE().build());

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertProblem(session.get("/api/audit"), 401, "log in");
        assertProblem(session.get("/api/session"), 401, "not logged in");
        assertThat(column("SELECT username || ' ' || outcome FROM login_audit"))
                .contains(session.name() + " LOGGED_OUT");
    }

    @Test
    void aSessionEndsAfterItsIdleTimeAndAfterItsMaximumAge() throws Exception {
        LoggedIn idle = LoggedIn.moderator(base, auth.users());
        LoggedIn busy = LoggedIn.moderator(base, auth.users());
        CLOCK.advance(Duration.ofMinutes(29));
        assertThat(idle.get("/api/audit").statusCode()).isEqualTo(200);
        assertThat(busy.get("/api/audit").statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(31));
        assertProblem(idle.get("/api/audit"), 401, "log in");

        // Used every 20 minutes, it lives 12 hours from the login and not a minute more.
        LoggedIn used = LoggedIn.moderator(base, auth.users());
        for (int i = 0; i < 35; i++) {
            CLOCK.advance(Duration.ofMinutes(20));
            assertThat(used.get("/api/audit").statusCode()).as("after %d minutes", (i + 1) * 20).isEqualTo(200);
        }
        CLOCK.advance(Duration.ofMinutes(20));
        assertProblem(used.get("/api/audit"), 401, "log in");
    }

    @Test
    void loginAttemptsAreLimitedPerUserAndPerAddress() throws Exception {
        String name = newUser(Role.MODERATOR);
        for (int i = 0; i < 5; i++) {
            assertThat(login(name, "guess " + i, address()).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = login(name, PASSWORD, address());
        assertProblem(limited, 429, "too many login attempts");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);

        String from = address();
        for (int i = 0; i < 20; i++) {
            assertThat(login("someone-" + i, "guess", from).statusCode()).isEqualTo(401);
        }
        assertProblem(login(newUser(Role.MODERATOR), PASSWORD, from), 429, "too many login attempts");
        assertThat(column("SELECT username || ' ' || outcome FROM login_audit")).contains(name + " RATE_LIMITED");

        CLOCK.advance(Duration.ofSeconds(retryAfter));
        assertThat(login(name, PASSWORD, address()).statusCode()).isEqualTo(204);
    }

    @Test
    void changesNeedTheSessionsCsrfTokenAndOurOrigin() throws Exception {
        LoggedIn session = LoggedIn.moderator(base, auth.users());
        String decision = "{\"commentId\":\"c-404\",\"action\":\"APPROVE\"}";
        HttpRequest.Builder noToken = HttpRequest.newBuilder(URI.create(base + "/api/decisions"))
                .header("Cookie", session.cookie()).header("Origin", base).header("Content-Type", "application/json");
        assertProblem(send(noToken.POST(HttpRequest.BodyPublishers.ofString(decision)).build()), 403,
                "X-CSRF-Token");
        assertProblem(send(noToken.header(Auth.CSRF_HEADER, "forged").POST(HttpRequest.BodyPublishers.ofString(decision))
                .build()), 403, "X-CSRF-Token");

        // The right token from another site, with no origin at all, or from a page with no-referrer: refused.
        HttpRequest.Builder elsewhere = HttpRequest.newBuilder(URI.create(base + "/api/decisions"))
                .header("Cookie", session.cookie()).header(Auth.CSRF_HEADER, session.csrfToken())
                .header("Content-Type", "application/json");
        assertProblem(send(elsewhere.copy().header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(decision)).build()), 403, "Origin");
        assertProblem(send(elsewhere.copy().POST(HttpRequest.BodyPublishers.ofString(decision)).build()), 403, "Origin");
        assertProblem(send(elsewhere.copy().header("Origin", "null")
                .POST(HttpRequest.BodyPublishers.ofString(decision)).build()), 403, "Origin");
        assertProblem(send(elsewhere.copy().header("Referer", "http://localhost.evil.example/x")
                .POST(HttpRequest.BodyPublishers.ofString(decision)).build()), 403, "Origin");

        // With a Referer of ours and the token, the decision reaches the intake (and is refused there: no such comment).
        assertProblem(send(elsewhere.copy().header("Referer", base + "/#/queue")
                .POST(HttpRequest.BodyPublishers.ofString(decision)).build()), 422, "no decision was taken");
        assertProblem(session.postJson("/api/decisions", decision), 422, "no decision was taken");

        // Logging in from another site is refused too (login CSRF).
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("username", session.name(),
                        "password", PASSWORD)))).build()), 403, "Origin");
    }

    @Test
    void moderatorsCannotManageUsersAdminsCan() throws Exception {
        LoggedIn moderator = LoggedIn.moderator(base, auth.users());
        LoggedIn admin = LoggedIn.as(base, auth.users(), "boss-" + UUID.randomUUID().toString().substring(0, 6),
                Role.ADMIN);

        assertProblem(moderator.get("/api/users"), 403, "admin");
        assertProblem(moderator.postJson("/api/users", "{\"name\":\"x\",\"role\":\"admin\",\"password\":\"123456789012\"}"),
                403, "admin");
        assertProblem(moderator.postJson("/api/users/" + admin.name() + "/disable", ""), 403, "admin");
        assertProblem(moderator.get("/api/logins"), 403, "admin");

        String name = "new-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = admin.postJson("/api/users",
                "{\"name\":\"" + name + "\",\"role\":\"moderator\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("argon2");
        assertProblem(admin.postJson("/api/users", "{\"name\":\"" + name.toUpperCase()
                + "\",\"role\":\"moderator\",\"password\":\"" + PASSWORD + "\"}"), 409, "exists already");
        assertProblem(admin.postJson("/api/users", "{\"name\":\"a b\",\"role\":\"moderator\",\"password\":\"" + PASSWORD
                + "\"}"), 400, "name");
        assertProblem(admin.postJson("/api/users", "{\"name\":\"ok\",\"role\":\"owner\",\"password\":\"" + PASSWORD
                + "\"}"), 400, "role");
        assertProblem(admin.postJson("/api/users", "{\"name\":\"ok\",\"role\":\"moderator\",\"password\":\"short\"}"),
                400, "at least 12");
        assertThat(admin.get("/api/users").body()).contains("\"name\":\"" + name + "\"").doesNotContain("argon2");

        LoggedIn newcomer = LoggedIn.login(base, name, PASSWORD);
        assertThat(newcomer.get("/api/review-queue").statusCode()).isEqualTo(200);
        assertThat(admin.postJson("/api/users/" + name + "/disable", "").statusCode()).isEqualTo(204);
        assertProblem(newcomer.get("/api/review-queue"), 401, "log in");
        assertProblem(admin.postJson("/api/users/nobody-at-all/disable", ""), 404, "nobody-at-all");
    }

    @Test
    void everyRouteButThePublicOnesNeedsASession() throws Exception {
        // Written out here, not read from Access: a route that becomes public must be added on purpose.
        List<String> publicRoutes = List.of("GET /health", "GET /metrics", "GET /login", "POST /api/session",
                "GET /api/session/options");
        List<String> checked = new ArrayList<>();
        for (var endpoint : server.unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
            String method = endpoint.getEndpoint().getMethod().name();
            if (!endpoint.getEndpoint().getMethod().isHttpMethod() || method.equals("HEAD") || method.equals("OPTIONS")) {
                continue;
            }
            String path = endpoint.getEndpoint().getPath().replaceAll("\\{[^}]+}", "x");
            if (publicRoutes.contains(method + " " + endpoint.getEndpoint().getPath())) {
                continue;
            }
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Origin", base).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
            assertProblem(response, 401, "");
            checked.add(method + " " + path);
        }
        assertThat(checked).contains("GET /api/threads/x", "GET /api/review-queue", "POST /api/decisions",
                "GET /api/audit", "GET /api/labels.jsonl", "GET /api/users", "DELETE /api/session");

        // The page's files: the pages send people to the login page, the rest is 401, the login page's own files load.
        for (String file : List.of("/", "/index.html", "/dashboard.html")) {
            HttpResponse<String> page = get(file, null);
            assertThat(page.statusCode()).as(file).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).as(file).get().asString().startsWith("/login?next=");
        }
        for (String file : List.of("/app.js", "/dashboard.js", "/diff.js", "/openapi.yaml",
                "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/api/threads/a-1", "/api/threads/a-1?view=moderator",
                "/api/threads/a-1/x?view=public", "/nothing-here")) {
            assertProblem(get(file, null), 401, "");
        }
        // session.js too: it is what takes a person whose session ended to the login page.
        for (String file : List.of("/login", "/login.js", "/app.css", "/favicon.svg", "/session.js", "/health",
                "/api/threads/a-1?view=public", "/api/threads/a-1?view=%20PUBLIC")) {
            assertThat(get(file, null).statusCode()).as(file).isEqualTo(200);
        }
        assertThat(get("/login", null).body()).contains("<form id=\"login-form\"").doesNotContain("<script>");
    }

    @Test
    void pagesAreNeverStoredAndTheirFilesAreAskedForAgainSoALogoutCannotBeUndoneByTheBrowsersCache() throws Exception {
        String name = newUser(Role.MODERATOR);
        String setCookie = login(name, PASSWORD, address()).headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        for (String page : List.of("/", "/index.html", "/dashboard.html")) {
            HttpResponse<String> response = get(page, cookie);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().allValues("Cache-Control")).as(page).containsExactly("no-store");
            // Without a session the redirect to the login page is not stored either.
            assertThat(get(page, null).headers().allValues("Cache-Control")).as(page).containsExactly("no-store");
        }
        assertThat(get("/login", null).headers().allValues("Cache-Control")).containsExactly("no-store");
        for (String file : List.of("/app.js", "/session.js", "/diff.js", "/dashboard.js", "/app.css", "/openapi.yaml")) {
            HttpResponse<String> response = get(file, cookie);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.headers().allValues("Cache-Control")).as(file).containsExactly("no-cache");
            // Asking again costs no body while the file is unchanged (a 304).
            String validator = response.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(base + file)).header("Cookie", cookie)
                    .header("If-None-Match", validator).build());
            assertThat(again.statusCode()).as(file).isEqualTo(304);
        }
        // The session's own answer keeps its stricter rule.
        assertThat(get("/api/session", cookie).headers().allValues("Cache-Control")).containsExactly("no-store");
    }

    private static List<String> column(String sql) throws Exception {
        try (Connection conn = pool.getConnection(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
