package dev.threadguard.sink.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
