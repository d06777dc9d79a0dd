package dev.threadguard.sink.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Json;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.decisions.DecisionIntake;
import dev.threadguard.sink.decisions.DecisionPublisher;
import dev.threadguard.sink.http.HealthReport;
import dev.threadguard.sink.http.SinkRoutes;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.DecisionStore;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on (authorization code with PKCE) against an OpenID provider this test starts (mock-oauth2-server),
 * on the sink's real routes and PostgreSQL. Redirects are followed by hand, as a browser would, so every hop and
 * cookie is checked.
 */
class SingleSignOnTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static MockOAuth2Server provider;
    private static HikariDataSource pool;
    private static Javalin server;
    private static DecisionPublisher publisher;
    private static Auth auth;
    private static String base;

    @BeforeAll
    static void start() {
        provider = new MockOAuth2Server();
        provider.start(0);
        pool = FreshDatabase.create("sink_sso").migratedPool();
        CommentStore store = new CommentStore(pool, new ModerationPolicy(Map.of()));
        publisher = new DecisionPublisher("127.0.0.1:1", "sso-test");
        OidcConfig oidc = new OidcConfig(provider.issuerUrl("default").uri(), "threadguard-sink", "sink-secret",
                "roles", "threadguard-admin", "threadguard-moderator");
        auth = new Auth(pool, new AuthConfig(Duration.ofMinutes(30), Duration.ofHours(12), false, 5, 20,
                Optional.empty(), false, Optional.of(oidc)), Clock.systemUTC());
        DecisionStore decisions = new DecisionStore(pool);
        server = new SinkRoutes(store, decisions, new DecisionIntake(store, decisions, publisher, Clock.systemUTC()),
                auth, new ModerationPolicy(Map.of()), List.of("Spam"), () -> HealthReport.of(true, true),
                Clock.systemUTC()).server().start(0);
        base = "http://localhost:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        publisher.close();
        pool.close();
        provider.shutdown();
    }

    private static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .filter(c -> !c.contains("Max-Age=0")).map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    /** The provider will log in {@code username} with these roles; returns the answer of our callback. */
    private static HttpResponse<String> signOn(String username, Object roles, boolean keepStateCookie) throws Exception {
        // The provider uses a queued identity when it issues the tokens, which only happens when our callback
        // goes on to exchange the code: without the state cookie it does not, and nothing may be left queued.
        if (keepStateCookie) {
            provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "sub-" + username, "JWT", null,
                    roles == null ? Map.of("preferred_username", username)
                            : Map.of("preferred_username", username, "roles", roles), 3600));
        }
        HttpResponse<String> toProvider = get(base + "/login/oidc?next=%2F%23%2Faudit", null);
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String location = toProvider.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(provider.issuerUrl("default").toString())
                .contains("code_challenge_method=S256", "code_challenge=", "nonce=", "state=", "client_id=threadguard-sink");
        String stateCookie = cookie(toProvider, OidcRoutes.STATE_COOKIE);
        assertThat(toProvider.headers().allValues("Set-Cookie").toString()).contains("SameSite=Lax", "HttpOnly");

        HttpResponse<String> back = get(location, null);
        assertThat(back.statusCode()).isEqualTo(302);
        String callback = back.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(base + OidcRoutes.CALLBACK + "?code=");
        return get(callback, keepStateCookie ? stateCookie : null);
    }

    @Test
    void aModeratorSignsOnAndHasASessionUnderTheProvidersName() throws Exception {
        HttpResponse<String> done = signOn("sso.ada", List.of("staff", "threadguard-moderator"), true);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("url=/#/audit");
        String session = cookie(done, Auth.COOKIE);
        assertThat(done.headers().allValues("Set-Cookie").toString()).contains("SameSite=Strict", "HttpOnly");
        JsonNode me = Json.MAPPER.readTree(get(base + "/api/session", session).body());
        assertThat(me.path("username").asText()).isEqualTo("sso.ada");
        assertThat(me.path("role").asText()).isEqualTo("moderator");
        assertThat(get(base + "/api/review-queue", session).statusCode()).isEqualTo(200);
        assertThat(get(base + "/api/users", session).statusCode()).isEqualTo(403);

        // The provider decides the role at every login.
        String admin = cookie(signOn("sso.ada", "threadguard-admin", true), Auth.COOKIE);
        assertThat(get(base + "/api/users", admin).statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(get(base + "/api/session/options", null).body()).path("singleSignOn").asBoolean())
                .isTrue();
    }

    @Test
    void aLoginThatDidNotStartInThisBrowserIsRefused() throws Exception {
        HttpResponse<String> done = signOn("sso.eve", "threadguard-moderator", false);

        assertThat(done.statusCode()).isEqualTo(403);
        assertThat(done.body()).contains("not started in this browser");
        assertThat(done.headers().allValues("Set-Cookie").toString()).doesNotContain(Auth.COOKIE);
    }

    @Test
    void aUserWithoutOneOfOurRolesOrNamedLikeAPasswordUserIsRefused() throws Exception {
        HttpResponse<String> noRole = signOn("sso.bob", List.of("staff"), true);
        assertThat(noRole.statusCode()).isEqualTo(403);
        assertThat(noRole.body()).contains("neither threadguard-moderator nor threadguard-admin");

        auth.users().add("local.admin", Role.ADMIN, "a long enough password");
        HttpResponse<String> takeover = signOn("LOCAL.admin", "threadguard-admin", true);
        assertThat(takeover.statusCode()).isEqualTo(403);
        assertThat(takeover.body()).contains("logs in with a password here");
    }
}
