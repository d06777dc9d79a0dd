package dev.threadguard.sink.auth;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password hashing with Argon2id (spring-security-crypto over Bouncy Castle; its recommended parameters:
 * 16 MiB, 2 passes, a 16-byte random salt, all stored in the encoded hash, so they can be raised later
 * without invalidating existing hashes).
 */
public final class Passwords {
    /** Shorter passwords are refused: at 12 characters a guessing attack against the rate limit is hopeless. */
    public static final int MIN_LENGTH = 12;
    /** Argon2 hashes any length, but an unbounded body would let one request cost unbounded memory. */
    public static final int MAX_LENGTH = 1024;

    private static final Argon2PasswordEncoder ENCODER = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when the user does not exist, so that a wrong name costs as much time as a wrong password. */
    private static final String DUMMY_HASH = ENCODER.encode("no user has this password, it only spends time");

    private Passwords() {
    }

    /**
     * @throws IllegalArgumentException when the password is too short or too long
     */
    public static String hash(String password) {
        check(password);
        return ENCODER.encode(password);
    }

    /** Whether {@code password} matches {@code hash}; a null hash (no password login) never matches. */
    public static boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH) {
            ENCODER.matches("", DUMMY_HASH);
            return false;
        }
        if (hash == null) {
            ENCODER.matches(password, DUMMY_HASH);
            return false;
        }
        return ENCODER.matches(password, hash);
    }

    /** Spends the time of one check, for a name that is not known. */
    static void spendCheckTime(String password) {
        ENCODER.matches(password == null ? "" : password, DUMMY_HASH);
    }

    /** A new random password: 24 URL-safe characters (144 bits). */
    public static String generate() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a password has at most " + MAX_LENGTH + " characters");
        }
    }
}
