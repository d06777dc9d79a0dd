package dev.threadguard.launcher.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the run's comments PostgreSQL holds, and which of them with their final verdict (awaiting nothing: a
 * provisional verdict's revision has replaced it), refreshed by {@link #refresh()} (rows written since the last look,
 * by updated_at, which a revision moves too, with a margin for transactions that committed late), and the catch-up
 * clocks: each waits until every comment accepted before its fault is stored (provisionally or not: the time to
 * recover, not the second opinion's).
 */
final class StoreWatch {
    /** Rows whose transaction began this long before the last row seen may have committed since. */
    private static final long MARGIN_SECONDS = 60;

    private final FaultServers servers;
    private final String idPrefix;
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final Set<String> judgedFinally = ConcurrentHashMap.newKeySet();
    private final List<CatchUp> pending = new ArrayList<>(); // guarded by this
    private Instant lastSeen = Instant.EPOCH;
    private Connection connection;

    /** A clock started at a fault, stopped once everything accepted before it is stored. */
    static final class CatchUp {
        final long startNanos;
        final Set<String> missing;
        volatile double seconds = -1;

        CatchUp(long startNanos, List<String> ids) {
            this.startNanos = startNanos;
            this.missing = new HashSet<>(ids);
        }
    }

    StoreWatch(FaultServers servers, String idPrefix) {
        this.servers = servers;
        this.idPrefix = idPrefix;
    }

    int storedCount() {
        return stored.size();
    }

    boolean isStored(String commentId) {
        return stored.contains(commentId);
    }

    /** Stored with its final verdict (awaiting nothing). */
    boolean isJudgedFinally(String commentId) {
        return judgedFinally.contains(commentId);
    }

    synchronized CatchUp startCatchUp(long startNanos, List<String> acceptedBefore) {
        CatchUp c = new CatchUp(startNanos, acceptedBefore);
        pending.add(c);
        return c;
    }

    /** One look at the database; false while it does not answer (an outage the harness caused, or not). */
    synchronized boolean refresh() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = servers.connect();
            }
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT comment_id, updated_at, cardinality(awaiting) = 0 FROM comments"
                            + " WHERE updated_at >= ? AND comment_id LIKE ?")) {
                st.setTimestamp(1, Timestamp.from(lastSeen.minusSeconds(MARGIN_SECONDS)));
                st.setString(2, idPrefix + "%");
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                        if (rs.getBoolean(3)) {
                            judgedFinally.add(rs.getString(1));
                        } else {
                            judgedFinally.remove(rs.getString(1));
                        }
                        Instant at = rs.getTimestamp(2).toInstant();
                        if (at.isAfter(lastSeen)) {
                            lastSeen = at;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            closeQuietly();
            return false;
        }
        long now = System.nanoTime();
        for (CatchUp c : pending) {
            if (c.seconds < 0) {
                c.missing.removeIf(stored::contains);
                if (c.missing.isEmpty()) {
                    c.seconds = (now - c.startNanos) / 1e9;
                }
            }
        }
        return true;
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
        connection = null;
    }

    synchronized void close() {
        closeQuietly();
    }
}
