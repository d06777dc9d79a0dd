package dev.threadguard.ingest.auth;

import dev.threadguard.contract.SiteKey;
import dev.threadguard.http.Problem;
import dev.threadguard.http.ProblemException;
import dev.threadguard.http.ProblemType;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate in front of every {@code /api} route of ingest ({@code /health} and {@code /metrics} stay open): a site key
 * in {@code Authorization: Bearer KEY}, then the key's rate limit.
 *
 * <ul>
 *   <li>no key: 401, {@code WWW-Authenticate: Bearer realm="threadguard"};</li>
 *   <li>a key that is unknown or revoked: the same 401 with {@code error="invalid_token"} (which of the two is not
 *       said);</li>
 *   <li>the key's bucket empty: 429 with {@code Retry-After} (seconds);</li>
 *   <li>keys not read from Kafka yet (just after start): 503 with {@code Retry-After}.</li>
 * </ul>
 * Every {@code /api} answer past the key check carries {@code RateLimit-Limit} (the burst), {@code RateLimit-Remaining}
 * and {@code RateLimit-Reset} (seconds until the bucket is full again). An accepted request is stamped with the
 * key's site ({@link #site}); a batch of n comments costs n tokens ({@link #charge}).
 */
public final class SiteKeyAuth implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteKeyAuth.class);
    static final String REALM = "Bearer realm=\"threadguard\"";
    private static final String KEY_ATTRIBUTE = "threadguard.site-key";
    private static final String AUTH_ATTRIBUTE = "threadguard.site-key-auth";
    private static final int LOADING_RETRY_SECONDS = 2;

    private final SiteKeyRegistry keys;
    private final KeyRateLimiter limiter;
    private final AuthMetrics metrics;


    private SiteKeyAuth(SiteKeyRegistry keys, SiteKeyConfig config, MeterRegistry registry) {
        this.keys = keys;
        this.limiter = new KeyRateLimiter(config);
        this.metrics = new AuthMetrics(registry, keys);
    }

    /**
     * Starts reading the site keys (seeding {@code THREADGUARD_SITE_KEY} if configured) and waits up to
     * {@code waitForKeys} for them, so that a service started against a running Kafka serves at once.
     *
     * @param sendTimeout longest the seed's write waits for Kafka
     */
    public static SiteKeyAuth start(String bootstrapServers, SiteKeyConfig config, Duration sendTimeout, Duration waitForKeys,
                                    MeterRegistry registry) {
        SiteKeyRegistry keys = SiteKeyRegistry.start(bootstrapServers, config.seedKey(), sendTimeout);
        SiteKeyAuth auth = new SiteKeyAuth(keys, config, registry);
        if (!keys.awaitLoaded(waitForKeys)) {
            LOG.warn("site keys not read from Kafka at {} yet; /api answers 503 until they are", bootstrapServers);
        }
        return auth;
    }

    /**
     * Puts the gate in front of {@code /api/*} of {@code app}, a server from {@code HttpServers.create}: its refusals
     * are {@link ProblemException}s, answered (with their headers) and observed like every other problem.
     */
    public void install(Javalin app) {
        app.before("/api/*", this::check);
    }

    /** True once the site keys are read: until then every {@code /api} request is answered 503. */
    public boolean ready() {
        return keys.loaded();
    }

    public SiteKeyRegistry keys() {
        return keys;
    }

    /** The site of the key that authenticated {@code ctx}: what its events are stamped with. */
    public static String site(Context ctx) {
        SiteKey key = ctx.attribute(KEY_ATTRIBUTE);
        if (key == null) {
            throw new IllegalStateException("no site key on " + ctx.path() + ": SiteKeyAuth is not installed");
        }
        return key.site();
    }

    /**
     * Charges {@code items} tokens in all to the request's key, of which the gate took one already: for a batch,
     * once its size is known.
     *
     * @throws ProblemException 429 when the bucket holds fewer; 413 when {@code items} exceeds the burst, which no
     *                          wait would cure
     */
    public static void charge(Context ctx, int items) {
        SiteKeyAuth auth = ctx.attribute(AUTH_ATTRIBUTE);
        SiteKey key = ctx.attribute(KEY_ATTRIBUTE);
        if (auth == null || key == null || items <= 1 || !auth.limiter.limited()) {
            return;
        }
        if (items > auth.limiter.limit()) {
            throw refused(ProblemType.CONTENT_TOO_LARGE, "a batch of " + items + " comments is more than this key may "
                    + "send at once (" + auth.limiter.limit() + "); send smaller batches", Map.of());
        }
        auth.consume(ctx, key, items - 1);
    }

    private void check(Context ctx) {
        if (!keys.loaded()) {
            metrics.refused(Refusal.KEYS_LOADING);
            throw refused(ProblemType.UNAVAILABLE, "the site keys are not read from Kafka yet; nothing was published; retry in a few seconds",
                    Map.of(Header.RETRY_AFTER, String.valueOf(LOADING_RETRY_SECONDS)));
        }
        Optional<String> presented = bearer(ctx.header(Header.AUTHORIZATION));
        if (presented.isEmpty()) {
            metrics.refused(Refusal.MISSING_KEY);
            throw refused(ProblemType.UNAUTHORIZED, "a site key is required: send it as `Authorization: Bearer KEY`",
                    Map.of(Header.WWW_AUTHENTICATE, REALM));
        }
        Optional<SiteKey> key = keys.find(presented.get());
        if (key.isEmpty() || !key.get().active()) {
            metrics.refused(key.isEmpty() ? Refusal.UNKNOWN_KEY : Refusal.REVOKED_KEY);
            key.ifPresent(k -> LOG.info("refused revoked site key {} of site {} on {} {}", k.keyId(), k.site(), ctx.method(), ctx.path()));
            throw refused(ProblemType.UNAUTHORIZED, "the site key is not valid: it is unknown or has been revoked",
                    Map.of(Header.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\""));
        }
        ctx.attribute(KEY_ATTRIBUTE, key.get());
        ctx.attribute(AUTH_ATTRIBUTE, this);
        if (limiter.limited()) {
            consume(ctx, key.get(), 1);
        }
    }

    private void consume(Context ctx, SiteKey key, long tokens) {
        KeyRateLimiter.Decision decision = limiter.tryConsume(key.keyId(), tokens);
        Map<String, String> headers = limiter.headers(decision);
        if (!decision.allowed()) {
            metrics.refused(Refusal.RATE_LIMITED);
            LOG.debug("rate-limited site key {} of site {}: {} tokens asked", key.keyId(), key.site(), tokens);
            throw refused(ProblemType.RATE_LIMITED, "this site key sent more than its limit (" + limiter.describe()
                    + " comments); retry in " + decision.retryAfterSeconds() + " s", headers);
        }
        headers.forEach(ctx::header);
    }

    private static ProblemException refused(ProblemType type, String detail, Map<String, String> headers) {
        return new ProblemException(Problem.of(type, detail), headers);
    }

    /** The token of an {@code Authorization: Bearer TOKEN} header (scheme case-insensitive, RFC 6750). */
    static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    @Override
    public void close() {
        keys.close();
    }
}
