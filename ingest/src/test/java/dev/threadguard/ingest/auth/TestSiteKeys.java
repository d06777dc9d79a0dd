package dev.threadguard.ingest.auth;

import dev.threadguard.embedded.TestServers;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;

/**
 * Site keys for tests that post to ingest, created the way {@code threadguard keys create} creates them. One key of
 * the site {@value #SITE} on the test JVM's shared broker serves every test that is not about keys.
 */
public final class TestSiteKeys {
    /** The site of {@link #shared()}: not {@code default}, which the seeding tests need untouched. */
    public static final String SITE = "tests";

    private TestSiteKeys() {
    }

    /** The shared key on {@link TestServers#kafka()}, created on first use. */
    public static String shared() {
        return Holder.KEY;
    }

    /** A new key of {@code site} on the broker at {@code bootstrapServers}. */
    public static String create(String bootstrapServers, String site) {
        return admin(bootstrapServers).create(site).key();
    }

    public static SiteKeyAdmin admin(String bootstrapServers) {
        return new SiteKeyAdmin(bootstrapServers, (short) 1, Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** {@code builder} with {@code Authorization: Bearer key}. */
    public static HttpRequest.Builder authorized(HttpRequest.Builder builder, String key) {
        return builder.header("Authorization", "Bearer " + key);
    }

    /** {@code builder} with the shared key. */
    public static HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return authorized(builder, shared());
    }

    private static final class Holder {
        static final String KEY = create(TestServers.kafka().bootstrapServers(), SITE);
    }
}
