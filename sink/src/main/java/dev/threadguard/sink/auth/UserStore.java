package dev.threadguard.sink.auth;

import dev.threadguard.sink.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code users} and {@code login_audit} tables. Every failure is a {@link StoreException} (answered 503). */
public final class UserStore {
    /** A user with the password hash, for the login check only. */
    record Credentials(User user, String passwordHash) {
    }

    private final DataSource dataSource;

    public UserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return false when a user of that name (in any case) exists already */
    public boolean add(String name, Role role, String passwordHash, Instant now) {
        return update("""
                INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", name, role.wire(), passwordHash, ts(now)) == 1;
    }

    /** Adds the user only if there is no user at all (the first start); @return whether it was added. */
    boolean addFirst(String name, Role role, String passwordHash, Instant now) {
        return update("""
                INSERT INTO users (name, role, password_hash, created_at)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM users)
                ON CONFLICT DO NOTHING""", name, role.wire(), passwordHash, ts(now)) == 1;
    }

    /**
     * The single-sign-on user {@code name} with {@code role} (created, or its role updated to the provider's).
     *
     * @throws IllegalStateException when a password user of that name exists (a provider must not take over a
     *                               local account) or the user is disabled
     */
    User provisionSso(String name, Role role, Instant now) {
        Optional<Credentials> existing = credentials(name);
        if (existing.isPresent()) {
            User u = existing.get().user();
            if (existing.get().passwordHash() != null) {
                throw new IllegalStateException("a user named " + u.name() + " logs in with a password here");
            }
            if (u.disabled()) {
                throw new IllegalStateException(u.name() + " is disabled");
            }
            update("UPDATE users SET role = ? WHERE name = ?", role.wire(), u.name());
            return new User(u.name(), role, false, u.created());
        }
        add(name, role, null, now);
        return credentials(name).orElseThrow(() -> new IllegalStateException("the user could not be created")).user();
    }

    /** Disables the user and ends its sessions; @return false when there is no such user. */
    public boolean disable(String name) {
        boolean found = update("UPDATE users SET disabled = true WHERE lower(name) = lower(?)", name) == 1;
        update("DELETE FROM sessions WHERE lower(username) = lower(?)", name);
        return found;
    }

    public List<User> list() {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(
                     "SELECT name, role, disabled, created_at FROM users ORDER BY lower(name)");
             ResultSet rs = ps.executeQuery()) {
            List<User> users = new ArrayList<>();
            while (rs.next()) {
                users.add(user(rs));
            }
            return users;
        } catch (SQLException e) {
            throw new StoreException("cannot list the users", e);
        }
    }

    Optional<Credentials> credentials(String name) {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("""
                     SELECT name, role, disabled, created_at, password_hash FROM users WHERE lower(name) = lower(?)""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Credentials(user(rs), rs.getString("password_hash")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read a user", e);
        }
    }

    /** Records a login attempt; {@code username} is what the client sent, already made safe to store. */
    void audit(Instant at, String username, String address, LoginOutcome outcome) {
        update("INSERT INTO login_audit (at, username, address, outcome) VALUES (?, ?, ?, ?)",
                ts(at), username, address, outcome.name());
    }

    /** The newest login attempts first. */
    public List<LoginAttempt> loginAudit(int limit) {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(
                     "SELECT at, username, address, outcome FROM login_audit ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<LoginAttempt> attempts = new ArrayList<>();
                while (rs.next()) {
                    attempts.add(new LoginAttempt(rs.getObject("at", OffsetDateTime.class).toInstant(),
                            rs.getString("username"), rs.getString("address"),
                            LoginOutcome.valueOf(rs.getString("outcome"))));
                }
                return attempts;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the login audit", e);
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("name"), Role.parse(rs.getString("role")), rs.getBoolean("disabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private int update(String sql, Object... args) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof OffsetDateTime t) {
                    ps.setObject(i + 1, t, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write users or logins", e);
        }
    }
}
