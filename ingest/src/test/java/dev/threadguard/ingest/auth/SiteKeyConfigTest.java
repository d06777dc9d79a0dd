package dev.threadguard.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteKeyConfigTest {
    @Test
    void ratesAreReadPerSecondMinuteOrHour() {
        assertThat(config(Map.of())).isEqualTo(SiteKeyConfig.defaults());
        assertThat(config(Map.of("INGEST_RATE_LIMIT", "30000/min", "INGEST_RATE_BURST", "50")))
                .isEqualTo(new SiteKeyConfig(30_000, Duration.ofMinutes(1), 50, Optional.empty()));
        assertThat(config(Map.of("INGEST_RATE_LIMIT", " 7 / h "))).extracting(SiteKeyConfig::rate, SiteKeyConfig::period)
                .containsExactly(7L, Duration.ofHours(1));
        assertThat(config(Map.of("INGEST_RATE_LIMIT", "Unlimited")).limited()).isFalse();
    }

    @Test
    void badRatesAndSeedsAreRefusedNamingTheVariable() {
        for (String bad : new String[] {"500", "0/s", "fast", "-1/s", "5/day"}) {
            assertThatThrownBy(() -> config(Map.of("INGEST_RATE_LIMIT", bad)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("INGEST_RATE_LIMIT");
        }
        assertThatThrownBy(() -> config(Map.of("THREADGUARD_SITE_KEY", "secret")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("THREADGUARD_SITE_KEY").hasMessageNotContaining("secret");
        String key = SiteKeyTokens.newKey();
        assertThat(config(Map.of("THREADGUARD_SITE_KEY", key)).seedKey()).hasValue(key);
    }

    @Test
    void bearerTokensAreTakenFromTheAuthorizationHeaderOnly() {
        assertThat(SiteKeyAuth.bearer("Bearer tg_abc")).hasValue("tg_abc");
        assertThat(SiteKeyAuth.bearer("bearer   tg_abc ")).hasValue("tg_abc");
        assertThat(SiteKeyAuth.bearer(null)).isEmpty();
        assertThat(SiteKeyAuth.bearer("Bearer ")).isEmpty();
        assertThat(SiteKeyAuth.bearer("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(SiteKeyAuth.bearer("Bearertg_abc")).isEmpty();
    }

    @Test
    void keysAreRandomAndOnlyTheirHashIsKept() {
        String a = SiteKeyTokens.newKey();
        assertThat(a).startsWith("tg_").hasSize(46).isNotEqualTo(SiteKeyTokens.newKey());
        assertThat(SiteKeyTokens.wellFormed(a)).isTrue();
        assertThat(SiteKeyTokens.hash(a)).hasSize(64).isEqualTo(SiteKeyTokens.hash(a)).isNotEqualTo(SiteKeyTokens.hash(a + "x"));
        // The SHA-256 test vector of "abc" (FIPS 180-2).
        assertThat(SiteKeyTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private static SiteKeyConfig config(Map<String, String> vars) {
        return SiteKeyConfig.fromEnv(new Env(vars));
    }
}
