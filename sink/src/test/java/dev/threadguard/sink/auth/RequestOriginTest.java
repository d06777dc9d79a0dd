package dev.threadguard.sink.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestOriginTest {
    @Test
    void ourOriginIsTheHostWeWereAskedAsOrWhatATrustedProxySays() {
        assertThat(RequestOrigin.own("http", "localhost:8080", null, null, false)).isEqualTo("http://localhost:8080");
        assertThat(RequestOrigin.own("http", "Example.COM:80", null, null, false)).isEqualTo("http://example.com");
        // Forwarded headers are ignored unless the proxy is trusted: anyone can send them.
        assertThat(RequestOrigin.own("http", "sink:8080", "https", "mod.example.com", false))
                .isEqualTo("http://sink:8080");
        assertThat(RequestOrigin.own("http", "sink:8080", "https, http", "mod.example.com, sink", true))
                .isEqualTo("https://mod.example.com");
    }

    @Test
    void theCookieIsSecureOverTlsOrBehindATrustedTlsProxy() {
        assertThat(RequestOrigin.secure("https", null, false)).isTrue();
        assertThat(RequestOrigin.secure("http", "https", false)).isFalse();
        assertThat(RequestOrigin.secure("http", "https", true)).isTrue();
        assertThat(RequestOrigin.secure("https", "http", true)).isFalse();
    }

    @Test
    void onlyOurOwnOriginPasses() {
        String own = "http://localhost:8080";
        assertThat(RequestOrigin.sameOrigin(own, "http://localhost:8080", null)).isTrue();
        assertThat(RequestOrigin.sameOrigin(own, null, "http://localhost:8080/#/queue")).isTrue();
        assertThat(RequestOrigin.sameOrigin(own, "http://localhost:8081", null)).isFalse();
        assertThat(RequestOrigin.sameOrigin(own, "https://localhost:8080", null)).isFalse();
        assertThat(RequestOrigin.sameOrigin(own, "http://localhost:8080.evil.example", null)).isFalse();
        assertThat(RequestOrigin.sameOrigin(own, "null", "http://localhost:8080/")).isFalse();
        assertThat(RequestOrigin.sameOrigin(own, "http://evil.example", "http://localhost:8080/")).isFalse();
        assertThat(RequestOrigin.sameOrigin(own, null, null)).isFalse();
        assertThat(RequestOrigin.sameOrigin(own, "not a url at all", null)).isFalse();
        assertThat(RequestOrigin.sameOrigin("", "http://localhost:8080", null)).isFalse();
    }
}
