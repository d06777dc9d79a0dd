package dev.threadguard.contract;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One API key of a site, as kept on the compacted {@link Topics#SITE_KEYS} topic (keyed by {@code keyId}; the latest
 * record of a key wins). The key itself is never stored: {@code hash} is its SHA-256, lower-case hex.
 *
 * @param keyId     public name of the key ({@code keys list}, {@code keys revoke}, logs); not a secret
 * @param site      the site the key speaks for: 1 to 64 of {@code a-z 0-9 . _ -}, starting with a letter or digit
 * @param hash      SHA-256 of the key's UTF-8 bytes, 64 lower-case hex digits
 * @param createdAt when the key was created
 * @param revokedAt when it was revoked; null while the key is active
 */
public record SiteKey(String keyId, String site, String hash, Instant createdAt, Instant revokedAt) {
    /** The site name rule: what a {@code keys create SITE} argument must match. */
    public static final Pattern SITE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /**
     * @throws IllegalArgumentException naming the field at fault (a record on the topic that breaks these rules
     *                                  is skipped by its readers)
     */
    public SiteKey {
        if (keyId == null || keyId.isBlank() || keyId.length() > 100) {
            throw new IllegalArgumentException("keyId must be 1 to 100 characters");
        }
        if (site == null || !SITE_NAME.matcher(site).matches()) {
            throw new IllegalArgumentException("site must match " + SITE_NAME.pattern() + ", got " + site);
        }
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex digits");
        }
        if (createdAt == null) {
            throw new IllegalArgumentException("createdAt is required");
        }
    }

    public boolean active() {
        return revokedAt == null;
    }

    public SiteKey revoked(Instant at) {
        return new SiteKey(keyId, site, hash, createdAt, at);
    }
}
