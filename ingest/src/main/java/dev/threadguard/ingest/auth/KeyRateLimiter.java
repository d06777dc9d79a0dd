package dev.threadguard.ingest.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per site key (Bucket4j), in this ingest instance's memory: {@code rate} tokens per period, up to
 * {@code burst} at once. With several ingest instances behind a load balancer, a key may spend up to the limit at
 * each of them.
 *
 * <p>The buckets sit in a bounded Caffeine cache. A bucket idle for as long as a full refill takes is dropped: it
 * would be full again by then, so dropping it gives no key more than its limit.
 */
final class KeyRateLimiter {
    /** At most this many buckets; far above any real number of keys. */
    static final long MAX_BUCKETS = 100_000;

    private final SiteKeyConfig config;
    private final Cache<String, Bucket> buckets;

    /** The answer for one request: whether it may go on, and the RateLimit and Retry-After headers to send. */
    record Decision(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    KeyRateLimiter(SiteKeyConfig config) {
        this.config = config;
        long refillNanos = config.limited()
                ? Math.max(1, config.period().toNanos() / config.rate() * config.burst()) : Duration.ofMinutes(1).toNanos();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_BUCKETS)
                .expireAfterAccess(Duration.ofNanos(refillNanos).plusSeconds(1))
                .build();
    }

    boolean limited() {
        return config.limited();
    }

    String describe() {
        return config.describe();
    }

    long limit() {
        return config.burst();
    }

    /** Takes {@code tokens} from {@code keyId}'s bucket if it holds that many; otherwise takes none. */
    Decision tryConsume(String keyId, long tokens) {
        ConsumptionProbe probe = buckets.get(keyId, id -> newBucket()).tryConsumeAndReturnRemaining(tokens);
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(), ceilSeconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
    }

    /** The draft-ietf-httpapi-ratelimit-headers fields (up to draft -06) for {@code decision}. */
    Map<String, String> headers(Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", String.valueOf(config.burst()));
        headers.put("RateLimit-Remaining", String.valueOf(decision.remaining()));
        headers.put("RateLimit-Reset", String.valueOf(decision.resetSeconds()));
        if (!decision.allowed()) {
            headers.put("Retry-After", String.valueOf(decision.retryAfterSeconds()));
        }
        return headers;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(config.burst()).refillGreedy(config.rate(), config.period()))
                .build();
    }

    private static long ceilSeconds(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long seconds = nanos / 1_000_000_000L;
        return nanos % 1_000_000_000L == 0 ? seconds : seconds + 1;
    }
}
