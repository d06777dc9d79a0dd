package dev.threadguard.sink.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private final LoginLimiter limiter = new LoginLimiter(5, 20, clock);

    @Test
    void fiveAttemptsPerUserThenOneMorePerRefill() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAttempt("Ada", "10.0.0." + i)).isEmpty();
        }
        // The name counts regardless of case and of the address the attempt comes from.
        assertThat(limiter.tryAttempt("ADA", "10.0.0.99")).get().satisfies(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12)));
        assertThat(limiter.tryAttempt("Bob", "10.0.0.98")).isEmpty();
        clock.advance(Duration.ofSeconds(12));
        assertThat(limiter.tryAttempt("ada", "10.0.0.97")).isEmpty();
        assertThat(limiter.tryAttempt("ada", "10.0.0.96")).isPresent();
    }

    @Test
    void twentyAttemptsPerAddressWhateverTheNames() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAttempt("user" + i, "192.0.2.1")).isEmpty();
        }
        assertThat(limiter.tryAttempt("someone-new", "192.0.2.1")).isPresent();
        assertThat(limiter.tryAttempt("someone-new", "192.0.2.2")).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.tryAttempt("another", "192.0.2.1")).isEmpty();
    }
}
