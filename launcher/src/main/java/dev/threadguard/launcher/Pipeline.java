package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import dev.threadguard.config.ServiceHandle;
import dev.threadguard.embedded.EmbeddedDatabase;
import dev.threadguard.embedded.EmbeddedKafkaBroker;
import dev.threadguard.embedded.FreePorts;
import dev.threadguard.ingest.IngestConfig;
import dev.threadguard.ingest.IngestService;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.ModerationService;
import dev.threadguard.sink.SinkConfig;
import dev.threadguard.sink.SinkService;
import dev.threadguard.sink.auth.AuthConfig;
import java.util.Optional;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: Kafka and PostgreSQL (embedded when the environment names none),
 * then ingest, moderation and sink, each started from the same environment a container would give it.
 * Closing stops everything in reverse order.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The client port of the embedded broker; 9092 unless EMBEDDED_KAFKA_PORT says otherwise (0 = free port). */
    public static final String EMBEDDED_KAFKA_PORT = "EMBEDDED_KAFKA_PORT";
    /** The port of the embedded PostgreSQL; a free one unless EMBEDDED_DATABASE_PORT is set. */
    public static final String EMBEDDED_DATABASE_PORT = "EMBEDDED_DATABASE_PORT";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> lines = new java.util.LinkedHashMap<>();
    private IngestService ingest;
    private ModerationService moderation;
    private SinkService sink;
    private Optional<String> adminPassword = Optional.empty();

    private Pipeline() {
    }

    /**
     * @param env     the process environment (or a test's)
     * @param workDir where embedded servers and Streams keep their state for this run
     */
    public static Pipeline start(Env env, Path workDir) {
        Pipeline pipeline = new Pipeline();
        try {
            pipeline.startAll(env, workDir);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Env env, Path workDir) {
        Map<String, String> vars = new HashMap<>();

        if (env.optional("KAFKA_BOOTSTRAP_SERVERS").isEmpty()) {
            int port = env.port(EMBEDDED_KAFKA_PORT, 9092);
            if (port != 0 && !FreePorts.isFree(port)) {
                throw new IllegalStateException("port " + port + " is taken, so the embedded Kafka broker cannot use it: "
                        + "stop what listens there, set " + EMBEDDED_KAFKA_PORT + " to another port (0 = any free one), "
                        + "or set KAFKA_BOOTSTRAP_SERVERS to use a running Kafka");
            }
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, workDir.resolve("kafka"));
            started.push(broker);
            vars.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            lines.put("Kafka (embedded, KRaft)", broker.bootstrapServers());
        } else {
            lines.put("Kafka", env.optional("KAFKA_BOOTSTRAP_SERVERS").get());
        }

        if (env.optional("DATABASE_URL").isEmpty()) {
            EmbeddedDatabase db = EmbeddedDatabase.start(env.port(EMBEDDED_DATABASE_PORT, 0), null);
            started.push(db);
            vars.put("DATABASE_URL", db.jdbcUrl());
            vars.put("DATABASE_USER", db.user());
            vars.put("DATABASE_PASSWORD", db.password());
            lines.put("PostgreSQL (embedded)", db.jdbcUrl());
        } else {
            lines.put("PostgreSQL", env.optional("DATABASE_URL").get());
        }
        if (env.optional("MODERATION_STATE_DIR").isEmpty()) {
            vars.put("MODERATION_STATE_DIR", workDir.resolve("streams").toString());
        }

        Env merged = env.with(vars);
        AuthConfig auth = AuthConfig.fromEnv(merged).generatingAdminPassword();
        sink = track(SinkService.start(SinkConfig.fromEnv(merged), auth));
        adminPassword = sink.generatedAdminPassword().or(auth::adminPassword);
        moderation = track(ModerationService.start(ModerationConfig.fromEnv(merged)));
        ingest = track(IngestService.start(IngestConfig.fromEnv(merged)));
        lines.put("Ingest API", ingestUrl());
        lines.put("Review queue, thread API", sinkUrl() + "/");
        lines.put("Dashboard", sinkUrl() + "/dashboard.html");
        lines.put("Moderation health, metrics", moderationUrl() + "/metrics");
    }

    private <T extends ServiceHandle> T track(T service) {
        started.push(service);
        LOG.info("started {}", service.describe());
        return service;
    }

    public String ingestUrl() {
        return "http://localhost:" + ingest.port();
    }

    public String moderationUrl() {
        return "http://localhost:" + moderation.port();
    }

    public String sinkUrl() {
        return "http://localhost:" + sink.port();
    }

    /**
     * The password generated for the user {@code admin} on this first start, to be printed once; empty when users
     * existed or {@code THREADGUARD_ADMIN_PASSWORD} chose it.
     */
    public Optional<String> generatedAdminPassword() {
        return sink.generatedAdminPassword();
    }

    /** The password of {@code admin} when this process knows it (generated now, or THREADGUARD_ADMIN_PASSWORD). */
    public Optional<String> adminPassword() {
        return adminPassword;
    }

    /** The lines that tell a person how to log in, the generated password among them (shown this once). */
    public List<String> loginLines() {
        return generatedAdminPassword().map(p -> List.of(
                "Log in to the review page as admin with the password " + p,
                "  (generated on this first start and shown only now; THREADGUARD_ADMIN_PASSWORD chooses it,",
                "  ./threadguard users add NAME --role moderator adds people)")).orElse(List.of());
    }

    /** Where each part listens, for the console. */
    public List<String> describe() {
        return lines.entrySet().stream().map(e -> String.format("  %-28s %s", e.getKey(), e.getValue())).toList();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly", part, e);
            }
        }
    }
}
