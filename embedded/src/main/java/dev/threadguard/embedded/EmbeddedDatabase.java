package dev.threadguard.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from Maven Central, via zonky) running as a child process.
 *
 * <p>With a data directory it is a lasting database: the cluster is created once and reused, commits are
 * synchronous, and a postmaster left running by a process that was killed (kill -9 skips the shutdown
 * hooks that stop it) is stopped before the new one starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    /** Remembers the port of the last run inside the cluster folder, so addresses stay the same. */
    private static final String PORT_FILE = "threadguard.port";
    private static final long ORPHAN_STOP_SECONDS = 30;

    private final int port;
    private final Path dataDir;
    private volatile EmbeddedPostgres postgres;

    private EmbeddedDatabase(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    /** @param port 0 picks a free port */
    public static EmbeddedDatabase start(int port) {
        return start(port, null);
    }

    /**
     * @param port    0 picks a free port (with a data directory: the one of its last run, if free)
     * @param dataDir where the cluster lives and stays; null for a throw-away directory removed on close
     */
    public static EmbeddedDatabase start(int port, Path dataDir) {
        int chosen = port;
        if (dataDir != null) {
            stopOrphanedPostmaster(dataDir);
            if (chosen == 0) {
                chosen = lastPort(dataDir).filter(FreePorts::isReusable).orElseGet(FreePorts::pick);
            }
        }
        EmbeddedDatabase db = new EmbeddedDatabase(chosen == 0 ? FreePorts.pick() : chosen, dataDir);
        db.startServer();
        return db;
    }

    private synchronized void startServer() {
        long started = System.nanoTime();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
            if (dataDir != null) {
                // zonky runs initdb only when the folder holds no cluster yet; a lasting database commits durably.
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false)
                        .setServerConfig("synchronous_commit", "on");
            }
            postgres = builder.start();
            if (dataDir != null) {
                Files.writeString(dataDir.resolve(PORT_FILE), String.valueOf(port), StandardCharsets.UTF_8);
            }
            LOG.info("PostgreSQL listening on {} after {} ms{}", jdbcUrl(), (System.nanoTime() - started) / 1_000_000,
                    dataDir == null ? "" : ", data in " + dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start"
                    + (dataDir == null ? "" : " on " + dataDir) + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Integer> lastPort(Path dataDir) {
        try {
            Path file = dataDir.resolve(PORT_FILE);
            return Files.exists(file) ? Optional.of(Integer.parseInt(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A postmaster whose JVM was killed keeps running and holds the data directory (and its port). The
     * caller holds the data folder's lock, so no live Threadguard owns it: stop it the way PostgreSQL
     * expects (SIGTERM, a smart shutdown; its clients died with that JVM) and wait until it is gone.
     * A {@code postmaster.pid} naming a process that is gone, or is no postgres, is stale and removed.
     */
    public static void stopOrphanedPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        List<String> lines;
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
        long pid;
        try {
            pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).strip());
        } catch (NumberFormatException e) {
            deleteStale(pidFile);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            deleteStale(pidFile);
            return;
        }
        LOG.info("stopping PostgreSQL (pid {}) left running on {} by a process that did not shut down", pid, dataDir);
        process.get().destroy();
        try {
            process.get().onExit().get(ORPHAN_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the PostgreSQL left running on " + dataDir);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PostgreSQL (pid " + pid + ") left running on " + dataDir
                    + " did not stop within " + ORPHAN_STOP_SECONDS + " s; stop it (kill " + pid + ") and start again");
        }
    }

    private static void deleteStale(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
            LOG.debug("removed stale {}", pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stale " + pidFile, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return "";
    }

    /** The cluster's folder, or null for a throw-away one. */
    public Path dataDir() {
        return dataDir;
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public boolean running() {
        return postgres != null;
    }

    /** Stops the server, keeping its data (a lasting database only), as a database outage would. */
    public synchronized void stop() {
        if (dataDir == null) {
            throw new IllegalStateException("a throw-away database cannot be stopped and started again");
        }
        closeServer();
    }

    /** Starts a stopped server again on the same port with the same data. */
    public synchronized void restart() {
        if (postgres == null) {
            startServer();
        }
    }

    private synchronized void closeServer() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly", e);
            }
            postgres = null;
        }
    }

    @Override
    public void close() {
        closeServer();
    }
}
