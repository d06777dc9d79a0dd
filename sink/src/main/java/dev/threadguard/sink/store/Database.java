package dev.threadguard.sink.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sink's connection pool and schema migrations. */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Kept short: /health borrows a connection, and a dead database must answer 503 quickly, not after 30 s. */
    static final long CONNECTION_TIMEOUT_MS = 3_000;

    private Database() {
    }

    /** Opens the pool; fails at once with the driver's message when the database cannot be reached. */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("threadguard-sink");
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(CONNECTION_TIMEOUT_MS);
        return new HikariDataSource(hikari);
    }

    /**
     * {@link #pool} once PostgreSQL can be reached, however long that takes: a sink started beside a database that is
     * still starting, or down for a moment, waits for it (a WARN every {@code reportEvery}) instead of exiting and
     * relying on being restarted. Waits only while the database cannot be reached (SQLSTATE class 08, connection
     * exception, and 57P03, "the database system is starting up"); a refused login, an unknown database or any other
     * error fails at once with the driver's message, since waiting does not mend them.
     *
     * @throws HikariPool.PoolInitializationException for an error other than an unreachable database
     * @throws IllegalStateException when interrupted while waiting
     */
    public static HikariDataSource poolWhenReachable(String jdbcUrl, String user, String password, int size,
                                                     Duration reportEvery) {
        long started = System.nanoTime();
        long nextReport = started; // the first failure is reported at once
        boolean waited = false;
        while (true) {
            try {
                HikariDataSource pool = pool(jdbcUrl, user, password, size);
                if (waited) {
                    LOG.info("PostgreSQL reached after {} s", (System.nanoTime() - started) / 1_000_000_000L);
                }
                return pool;
            } catch (HikariPool.PoolInitializationException e) {
                if (!unreachable(e)) {
                    throw e;
                }
                waited = true;
                long now = System.nanoTime();
                if (now - nextReport >= 0) {
                    nextReport = now + reportEvery.toNanos();
                    LOG.warn("PostgreSQL at {} cannot be reached ({}); still trying, the sink starts once it can",
                            redacted(jdbcUrl), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                }
                try {
                    Thread.sleep(RETRY_EVERY_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for PostgreSQL at "
                            + redacted(jdbcUrl), interrupted);
                }
            }
        }
    }

    /** Pause between two attempts to reach the database at start. */
    static final long RETRY_EVERY_MS = 1_000;

    /** Whether the pool failed to start because the server could not be reached (not a login or database error). */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("08") || state.equals("57P03");
            }
        }
        return false;
    }

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&](?:ssl)?password=)[^&]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?]*:)[^/@?]*@");

    /**
     * A JDBC URL as logged: the values of {@code password} and {@code sslpassword} parameters and a password in
     * {@code //user:password@host} replaced by {@code ***}; the rest (host, database, {@code sslmode}) kept for the
     * operator reading the log. Null stays null.
     */
    public static String redacted(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        String url = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
        return USER_INFO_PASSWORD.matcher(url).replaceAll("$1***@");
    }

    public static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        // Flyway leaves targetSchemaVersion null when nothing was applied: the schema is then at its initial version.
        LOG.info("database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
        return result;
    }
}
