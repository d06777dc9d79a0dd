package dev.threadguard.sink.auth;

import static dev.threadguard.sink.auth.UserStore.ts;

import dev.threadguard.sink.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code sessions} table. Every failure is a {@link StoreException} (answered 503: no one is let in). */
final class SessionStore {
    private final DataSource dataSource;

    SessionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void create(Session s) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement("""
                INSERT INTO sessions (token_hash, username, csrf_token, created_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?)""")) {
            ps.setString(1, s.tokenHash());
            ps.setString(2, s.username());
            ps.setString(3, s.csrfToken());
            ps.setObject(4, ts(s.created()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(5, ts(s.lastSeen()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store a session", e);
        }
    }

    /** The session with its user's current role, unless the user is disabled. */
    Optional<Session> find(String tokenHash) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement("""
                SELECT s.token_hash, u.name, u.role, s.csrf_token, s.created_at, s.last_seen_at
                FROM sessions s JOIN users u ON u.name = s.username
                WHERE s.token_hash = ? AND NOT u.disabled""")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getObject(6, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read a session", e);
        }
    }

    void touch(String tokenHash, Instant now) {
        execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", ts(now), tokenHash);
    }

    void delete(String tokenHash) {
        execute("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
    }

    /** Removes sessions past either expiry, so the table does not grow with abandoned logins. */
    void deleteExpired(Instant idleBefore, Instant createdBefore) {
        execute("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?", ts(idleBefore), ts(createdBefore));
    }

    private void execute(String sql, Object... args) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof OffsetDateTime t) {
                    ps.setObject(i + 1, t, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write a session", e);
        }
    }
}
