package dev.threadguard.sink.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a logged-in user may do. A {@link #MODERATOR} works the queue, decides, reads threads, the audit trail
 * and the labels; an {@link #ADMIN} may do all of that and also manage users (and, later, keys and settings).
 */
public enum Role {
    MODERATOR,
    ADMIN;

    /** The name on the wire, in the database and on the command line: {@code moderator} or {@code admin}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may do what {@code required} may. */
    public boolean covers(Role required) {
        return this == ADMIN || required == MODERATOR;
    }

    /**
     * @throws IllegalArgumentException naming the roles there are
     */
    public static Role parse(String raw) {
        if (raw != null) {
            for (Role r : values()) {
                if (r.wire().equals(raw.trim().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("role must be one of "
                + Arrays.stream(values()).map(Role::wire).collect(Collectors.joining(", ")) + ", got '" + raw + "'");
    }
}
