package dev.threadguard.sink.auth;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A person who may log in to the sink.
 *
 * @param name     1 to {@link #MAX_NAME_LENGTH} letters, digits, {@code . _ - @}; unique regardless of case; the
 *                 name decisions and the audit trail record
 * @param disabled a disabled user cannot log in and loses every session at once
 */
public record User(String name, Role role, boolean disabled, Instant created) {
    public static final int MAX_NAME_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1," + MAX_NAME_LENGTH + "}");

    /**
     * @return the name, stripped
     * @throws IllegalArgumentException saying what a name may contain
     */
    public static String checkName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to " + MAX_NAME_LENGTH
                    + " letters, digits, '.', '_', '-' or '@'");
        }
        return name;
    }
}
