package dev.threadguard.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The embedded Kafka broker and PostgreSQL of one data folder, started together: what {@code up},
 * {@code servers} and the fault harness run on. Each can be left out when the environment names a
 * running server instead. While they run, {@link DataFolder#serversEnv()} holds their addresses as the
 * environment lines the services read, so other processes (a service, an operator command) can find
 * them; closing stops both (broker last, after the database) and removes that file.
 *
 * <p>The caller owns the {@link DataFolder} (and its lock) and closes it after these servers.
 */
public final class EmbeddedServers implements AutoCloseable {
    private final DataFolder folder;
    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedDatabase database;

    private EmbeddedServers(DataFolder folder, EmbeddedKafkaBroker kafka, EmbeddedDatabase database) {
        this.folder = folder;
        this.kafka = kafka;
        this.database = database;
    }

    /** What to embed: each server with its port (0 = a free one, the last one used in the folder if free). */
    public record Plan(boolean kafka, int kafkaPort, boolean database, int databasePort) {
        public static Plan both(int kafkaPort, int databasePort) {
            return new Plan(true, kafkaPort, true, databasePort);
        }
    }

    /**
     * Starts what {@code plan} asks for in {@code folder}.
     *
     * @throws IllegalStateException when a fixed Kafka port is taken (the message says how to pick another)
     */
    public static EmbeddedServers start(DataFolder folder, Plan plan) {
        EmbeddedKafkaBroker kafka = null;
        EmbeddedDatabase database = null;
        try {
            if (plan.kafka()) {
                if (plan.kafkaPort() != 0 && !FreePorts.isFree(plan.kafkaPort())) {
                    throw new IllegalStateException("port " + plan.kafkaPort() + " is taken, so the embedded Kafka broker "
                            + "cannot use it: stop what listens there, set EMBEDDED_KAFKA_PORT to another port "
                            + "(0 = any free one), or set KAFKA_BOOTSTRAP_SERVERS to use a running Kafka");
                }
                kafka = EmbeddedKafkaBroker.start(plan.kafkaPort(), folder.kafka());
            }
            if (plan.database()) {
                database = EmbeddedDatabase.start(plan.databasePort(), folder.postgres());
            }
            EmbeddedServers servers = new EmbeddedServers(folder, kafka, database);
            servers.writeServersEnv();
            return servers;
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
    }

    /** The broker, or null when it is not embedded. */
    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    /** The database, or null when it is not embedded. */
    public EmbeddedDatabase database() {
        return database;
    }

    public DataFolder folder() {
        return folder;
    }

    /**
     * The environment the services need to use these servers: {@code KAFKA_BOOTSTRAP_SERVERS} and
     * {@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}, for what is embedded.
     */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        if (kafka != null) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        if (database != null) {
            env.put("DATABASE_URL", database.jdbcUrl());
            env.put("DATABASE_USER", database.user());
            env.put("DATABASE_PASSWORD", database.password());
        }
        return env;
    }

    /**
     * {@link #env()} as shell assignments, each value in single quotes (a JDBC URL holds a {@code ?}), e.g.
     * {@code KAFKA_BOOTSTRAP_SERVERS='127.0.0.1:9092'}.
     */
    public List<String> envLines() {
        return env().entrySet().stream().map(e -> e.getKey() + "=" + shellQuoted(e.getValue())).collect(Collectors.toList());
    }

    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private void writeServersEnv() {
        List<String> lines = new ArrayList<>();
        lines.add("# The embedded servers of " + folder.root() + " while they run (removed when they stop).");
        lines.addAll(envLines());
        try {
            Files.write(folder.serversEnv(), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.serversEnv(), e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(folder.serversEnv());
        } catch (IOException e) {
            // a stale file names servers that are gone; the next start overwrites it
        }
        if (database != null) {
            database.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
