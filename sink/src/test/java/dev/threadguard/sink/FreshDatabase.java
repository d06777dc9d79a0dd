package dev.threadguard.sink;

import dev.threadguard.embedded.EmbeddedDatabase;
import dev.threadguard.embedded.TestServers;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A new, empty database on the shared embedded PostgreSQL, so each test class starts from a clean
 * schema without starting another server.
 */
public record FreshDatabase(String name, String jdbcUrl, String user, String password) {
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

    public static FreshDatabase create(String prefix) {
        EmbeddedDatabase server = TestServers.database();
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "CREATE DATABASE " + name);
        Matcher m = URL.matcher(server.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("unexpected JDBC url " + server.jdbcUrl());
        }
        return new FreshDatabase(name, m.group(1) + name + m.group(3), server.user(), server.password());
    }

    /** Runs a statement as the server's superuser, on its maintenance database. */
    public static void execute(EmbeddedDatabase server, String sql) {
        try (Connection conn = server.dataSource().getConnection(); Statement st = conn.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A pool on this database, migrated by the sink's own Flyway migrations. */
    public HikariDataSource migratedPool() {
        HikariDataSource pool = Database.pool(jdbcUrl, user, password, 4);
        Database.migrate(pool);
        return pool;
    }

    /** Empties every table the sink writes, so each test starts from nothing. */
    public static void truncateAll(DataSource pool) {
        try (Connection conn = pool.getConnection(); Statement st = conn.createStatement()) {
            st.execute("TRUNCATE articles, comment_verdicts, comment_decisions, decisions, audit, labels");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the sink's tables: " + e.getMessage(), e);
        }
    }

    public SinkConfig sinkConfig(String bootstrapServers, String groupId) {
        return new SinkConfig(bootstrapServers, jdbcUrl, user, password, 0, groupId, 4, 3, (short) 1,
                new ModerationPolicy(Map.of()), SinkConfig.DEFAULT_REJECT_REASONS);
    }
}
