package dev.threadguard.sink.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login attempts per user name and per client address: token buckets (Bucket4j) refilled over a minute, so a
 * burst of the allowance is possible and then one attempt per refill interval. Every attempt counts, successful
 * or not: the limit is on guessing, and a person logs in a few times a day.
 *
 * <p>Buckets live in this process only (several sinks each allow the limit) and are forgotten when more than
 * {@link #MAX_TRACKED} names or addresses are tracked, which bounds the memory an attacker can make us spend.
 */
final class LoginLimiter {
    static final int MAX_TRACKED = 50_000;

    private final Map<String, Bucket> byUser = new ConcurrentHashMap<>();
    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();
    private final int perUser;
    private final int perAddress;
    private final TimeMeter time;

    LoginLimiter(int perUserPerMinute, int perAddressPerMinute, Clock clock) {
        this.perUser = perUserPerMinute;
        this.perAddress = perAddressPerMinute;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /**
     * Takes one attempt from the address's and the user's allowance.
     *
     * @return empty when the attempt may go ahead, else how long until the next one may
     */
    Optional<Duration> tryAttempt(String username, String address) {
        Optional<Duration> wait = take(byAddress, address, perAddress);
        return wait.isPresent() ? wait : take(byUser, username.toLowerCase(Locale.ROOT), perUser);
    }

    private Optional<Duration> take(Map<String, Bucket> buckets, String key, int perMinute) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
