package dev.threadguard.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Site keys and their hashes. A key is {@code tg_} followed by 32 random bytes in base64url (43 characters): the
 * prefix lets secret scanners and people recognise one, the 256 random bits make it unguessable.
 *
 * <p>Keys are stored as their plain SHA-256, not with a password hash such as Argon2 or bcrypt. Those are slow on
 * purpose, to make guessing a low-entropy password from its hash expensive; a key drawn from 256 random bits cannot
 * be guessed from its hash whatever the hash costs, while ingest has to look a key up on every request (thousands a
 * second): a salted, deliberately slow hash would cost milliseconds of CPU per request and forbid the lookup by
 * hash that makes finding a key one map access. Nothing secret depends on the lookup's timing either: what could
 * leak is a prefix of the hash, which does not help to find a key.
 */
public final class SiteKeyTokens {
    public static final String PREFIX = "tg_";
    /** Longer presented keys are not hashed at all: no real key comes close. */
    static final int MAX_TOKEN_LENGTH = 256;
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SiteKeyTokens() {
    }

    /** A new random key, e.g. {@code tg_Vb3…} (46 characters). */
    public static String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new public key id, e.g. {@code k-4f0c9a21be37}: what {@code keys list} shows and {@code keys revoke} takes. */
    public static String newKeyId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "k-" + HexFormat.of().formatHex(bytes);
    }

    /** SHA-256 of the key's UTF-8 bytes, 64 lower-case hex digits: what the topic stores. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code key} has the shape of a key this class makes (a seed from the environment must). */
    public static boolean wellFormed(String key) {
        return key != null && key.startsWith(PREFIX) && key.length() >= PREFIX.length() + 32
                && key.length() <= MAX_TOKEN_LENGTH
                && key.substring(PREFIX.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }
}
