package dev.threadguard.launcher.faults;

import dev.threadguard.embedded.EmbeddedDatabase;
import dev.threadguard.embedded.EmbeddedKafkaBroker;
import dev.threadguard.embedded.FreePorts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The embedded Kafka broker and PostgreSQL of one fault run, in the harness's own process, each
 * stoppable and restartable on the same port and data folder, as an outage and its end would be.
 */
public final class FaultServers implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final Path databaseDir;
    private final int databasePort;
    private EmbeddedDatabase database; // null while stopped; guarded by this

    private FaultServers(EmbeddedKafkaBroker broker, Path databaseDir, int databasePort, EmbeddedDatabase database) {
        this.broker = broker;
        this.databaseDir = databaseDir;
        this.databasePort = databasePort;
        this.database = database;
    }

    public static FaultServers start(Path workDir) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, workDir.resolve("kafka"));
        try {
            int dbPort = FreePorts.pick();
            Path dbDir = workDir.resolve("postgres");
            return new FaultServers(broker, dbDir, dbPort, EmbeddedDatabase.start(dbPort, dbDir));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The JDBC url stays the same across a stop and start: same port, same data folder. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + databasePort + "/postgres";
    }

    public String databaseUser() {
        return "postgres";
    }

    public Connection connect() throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.put("user", databaseUser());
        props.put("password", "");
        props.put("connectTimeout", "2");
        props.put("socketTimeout", "30");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postgres", props);
    }

    void stopBroker() {
        broker.stop();
    }

    void startBroker() {
        broker.restart();
    }

    synchronized void stopDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    synchronized void startDatabase() {
        if (database == null) {
            database = EmbeddedDatabase.start(databasePort, databaseDir);
        }
    }

    @Override
    public void close() {
        stopDatabase();
        broker.close();
    }
}
