package dev.threadguard.launcher.bench;

import dev.threadguard.config.Settings;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.FreePorts;
import dev.threadguard.embedded.GroupOffsets;
import dev.threadguard.launcher.faults.FaultServers;
import dev.threadguard.launcher.faults.IngestClient;
import dev.threadguard.launcher.faults.Pause;
import dev.threadguard.launcher.faults.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Ingest, moderation and sink as child JVMs (as the fault harness runs them: the launcher's own class path,
 * ports picked free, their logs in the work folder), on the benchmark's broker and PostgreSQL. They start at the
 * end of the topics the earlier stages filled (their groups' offsets are set there first), so they see only the
 * pipeline's traffic; moderation records itself with JFR.
 */
final class BenchServices implements AutoCloseable {
    // A JVM start takes minutes on a crowded machine (load 40 seen): a stuck start, not a slow one, should fail.
    private static final Executor HTTP_THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-http");
        t.setDaemon(true);
        return t;
    });
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private final FaultServers servers;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final String siteKey = dev.threadguard.ingest.auth.SiteKeyTokens.newKey();
    private final Path moderationJfr;
    // Ctrl-C on the bench must not leave the services running: they are its children, not the JVM's.
    private final Thread cleanup = new Thread(() -> services.values().forEach(s -> s.stop(ServiceProcess.Stop.KILL)),
            "bench-cleanup");

    private BenchServices(FaultServers servers, Path moderationJfr) {
        this.servers = servers;
        this.moderationJfr = moderationJfr;
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Starts the three services and waits until each answers {@code /health} with 200.
     *
     * @param wordsOnly {@code OFF_TOPIC_EMBEDDINGS=false} for moderation, else its default
     */
    static BenchServices start(FaultServers servers, Path workDir, String runId, boolean wordsOnly,
            List<String> jvmOptions, ProcessMemory memory) throws IOException {
        Path logs = Files.createDirectories(workDir.resolve("logs"));
        Path jfr = workDir.resolve("moderation-pipeline.jfr");
        BenchServices s = new BenchServices(servers, jfr);
        String appId = "bench-" + runId + "-moderation";
        String sinkGroup = "bench-" + runId + "-sink";
        GroupOffsets.startAtTheEnd(servers.bootstrapServers(), appId,
                List.of(Topics.ARTICLES.name(), Topics.COMMENTS_SUBMITTED.name()));
        GroupOffsets.startAtTheEnd(servers.bootstrapServers(), sinkGroup,
                List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(), Topics.DECISIONS.name()));
        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", servers.bootstrapServers());
        common.put("DATABASE_URL", servers.jdbcUrl());
        common.put("DATABASE_USER", servers.databaseUser());
        common.put("DATABASE_PASSWORD", "");
        common.put("THREADGUARD_SITE_KEY", s.siteKey);
        common.put(Settings.INGEST_RATE_LIMIT.name(), "unlimited");
        common.put(Settings.MODERATION_APPLICATION_ID.name(), appId);
        common.put(Settings.SINK_GROUP_ID.name(), sinkGroup);
        common.put(Settings.OFF_TOPIC_EMBEDDINGS.name(), Boolean.toString(!wordsOnly));
        try {
            for (String service : List.of("sink", "moderation", "ingest")) {
                int port = FreePorts.pick();
                Map<String, String> env = new HashMap<>(common);
                env.put(service.toUpperCase() + "_PORT", String.valueOf(port));
                env.put("THREADGUARD_DATA_DIR", workDir.resolve(service).toString());
                env.put("MODERATION_STATE_DIR", workDir.resolve(service).resolve("streams").toString());
                List<String> options = new java.util.ArrayList<>(jvmOptions);
                if (service.equals("moderation")) {
                    options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
                }
                ServiceProcess process = new ServiceProcess(service, port, env, logs.resolve(service + ".log"), options);
                s.services.put(service, process);
                process.start();
                memory.watchOptional(service, process::pid);
            }
            for (ServiceProcess p : s.services.values()) {
                if (p.awaitHealthy(START_TIMEOUT) < 0) {
                    throw new BenchFailure(p.service() + " did not become healthy within " + START_TIMEOUT + "; see " + p.log());
                }
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Fails the run at once when a service has exited (a port taken before it bound, a crash) instead of waiting a
     * whole stall time for records it will never store.
     *
     * @throws BenchFailure naming the service, its exit code and its log
     */
    void requireAlive() {
        for (ServiceProcess p : services.values()) {
            if (!p.alive()) {
                throw new BenchFailure(p.service() + " exited during the stage; see " + p.log());
            }
        }
    }

    /**
     * A client for ingest. Its HTTP client completes responses on its own cached threads, never on the
     * senders' pool: senders block in {@code send}, and a pool whose every thread waits for a response that
     * needs one of those threads to complete never gets it.
     */
    IngestClient client() {
        return new IngestClient(services.get("ingest").url("/"), siteKey, HTTP_THREADS);
    }

    /** POSTs until 202: a 503 or 429 (busy) is retried, any other answer fails the run. */
    static void post(IngestClient client, String path, Object body) throws IOException, InterruptedException {
        byte[] json = Json.write(body);
        long backoff = 50;
        for (int attempt = 0; attempt < 200; attempt++) {
            int status = client.post(path, json);
            if (status == 202) {
                return;
            }
            if (status != 503 && status != 429) {
                throw new BenchFailure("ingest answered " + path + " with HTTP " + status);
            }
            Pause.millis(backoff);
            backoff = Math.min(backoff * 2, 1_000);
        }
        throw new BenchFailure("ingest kept answering " + path + " with 503/429");
    }

    /**
     * Rows in PostgreSQL's {@code comments} whose id starts with {@code prefix}, stored with their final verdict
     * (awaiting nothing). A comment counts then, not at its first row: moderation may publish a provisional verdict
     * (off topic awaiting the transformer's second opinion) and revise it later, and a stage that ended at the
     * provisional row would end before the comment is judged finally. So comments/s and accept -> stored keep
     * meaning "judged finally", as when every comment had one verdict.
     */
    long finalCount(Connection db, String prefix) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "SELECT count(*) FROM comments WHERE comment_id LIKE ? AND cardinality(awaiting) = 0")) {
            st.setString(1, prefix + "%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * When the final verdict of each row whose id starts with {@code prefix} was stored (its transaction's time:
     * {@code updated_at}, which is {@code stored_at} for a comment judged once and the revision's time for one
     * judged provisionally first); rows still provisional are left out.
     */
    Map<String, Instant> finalAt(Connection db, String prefix) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT comment_id, updated_at FROM comments"
                + " WHERE comment_id LIKE ? AND cardinality(awaiting) = 0")) {
            st.setString(1, prefix + "%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return out;
    }

    Connection connect() throws SQLException {
        return servers.connect();
    }

    /** Moderation's recording, written when its JVM ends ({@link #close}). */
    Path moderationJfr() {
        return moderationJfr;
    }

    @Override
    public void close() {
        // SIGTERM: each service closes cleanly, and moderation's JVM dumps its recording on the way out.
        services.values().forEach(ServiceProcess::close);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs
        }
    }
}
