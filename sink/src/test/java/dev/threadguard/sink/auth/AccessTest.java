package dev.threadguard.sink.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessTest {
    @Test
    void onlyHealthMetricsTheLoginPageTheSessionScriptLoggingInAndThePublicThreadViewArePublic() {
        assertThat(Access.of("GET", "/health", null)).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("GET", "/metrics", null)).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("GET", "/login", null)).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("GET", "/login.js", null)).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("GET", "/session.js", null)).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("POST", "/api/session", null)).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("GET", "/api/threads/a-1", "public")).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("get", "/api/threads/a-1", " Public ")).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("GET", "/login/oidc", null)).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("GET", "/login/oidc/callback", null)).isEqualTo(Access.PUBLIC);
        assertThat(Access.of("GET", "/api/session/options", null)).isEqualTo(Access.PUBLIC);

        assertThat(Access.of("POST", "/health", null)).isEqualTo(Access.MODERATOR);
        assertThat(Access.of("POST", "/login", null)).isEqualTo(Access.MODERATOR);
        assertThat(Access.of("DELETE", "/api/session", null)).isEqualTo(Access.MODERATOR);
        assertThat(Access.of("GET", "/api/threads/a-1", null)).isEqualTo(Access.MODERATOR);
        assertThat(Access.of("GET", "/api/threads/a-1", "moderator")).isEqualTo(Access.MODERATOR);
        assertThat(Access.of("GET", "/api/threads/a-1/more", "public")).isEqualTo(Access.MODERATOR);
        assertThat(Access.of("POST", "/api/threads/a-1", "public")).isEqualTo(Access.MODERATOR);
        assertThat(Access.of("GET", "/", null)).isEqualTo(Access.MODERATOR);
        assertThat(Access.of("GET", "/app.js", null)).isEqualTo(Access.MODERATOR);
        assertThat(Access.of("GET", "/a-route-added-tomorrow", null)).isEqualTo(Access.MODERATOR);
    }

    @Test
    void userManagementNeedsAnAdmin() {
        assertThat(Access.of("GET", "/api/users", null)).isEqualTo(Access.ADMIN);
        assertThat(Access.of("POST", "/api/users/ada/disable", null)).isEqualTo(Access.ADMIN);
        assertThat(Access.of("GET", "/api/logins", null)).isEqualTo(Access.ADMIN);
        assertThat(Role.MODERATOR.covers(Role.ADMIN)).isFalse();
        assertThat(Role.ADMIN.covers(Role.MODERATOR)).isTrue();
    }

    @Test
    void pagesAreSentToTheLoginPageAndChangesAreCsrfChecked() {
        assertThat(Access.isPage("GET", "/")).isTrue();
        assertThat(Access.isPage("GET", "/dashboard.html")).isTrue();
        assertThat(Access.isPage("GET", "/api/audit")).isFalse();
        assertThat(Access.isPage("POST", "/")).isFalse();
        assertThat(Access.changesState("POST")).isTrue();
        assertThat(Access.changesState("DELETE")).isTrue();
        assertThat(Access.changesState("PATCH")).isTrue();
        assertThat(Access.changesState("GET")).isFalse();
    }
}
