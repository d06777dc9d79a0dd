package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import dev.threadguard.config.ServiceHandle;
import dev.threadguard.embedded.EmbeddedDatabase;
import dev.threadguard.embedded.EmbeddedKafkaBroker;
import dev.threadguard.embedded.FreePorts;
import dev.threadguard.ingest.IngestConfig;
import dev.threadguard.ingest.IngestService;
import dev.threadguard.ingest.auth.SiteKeyConfig;
import dev.threadguard.ingest.auth.SiteKeyTokens;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.ModerationService;
import dev.threadguard.sink.SinkConfig;
import dev.threadguard.sink.SinkService;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private Optional<String> siteKey = Optional.empty();

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

        // Without THREADGUARD_SITE_KEY, a generated key seeds the site `default` (if it has no key yet).
        Optional<String> givenKey = env.optional(SiteKeyConfig.SEED_VARIABLE).filter(k -> !k.isBlank());
        String seed = givenKey.orElseGet(SiteKeyTokens::newKey);
        vars.put(SiteKeyConfig.SEED_VARIABLE, seed);

        Env merged = env.with(vars);
        sink = track(SinkService.start(SinkConfig.fromEnv(merged)));
        moderation = track(ModerationService.start(ModerationConfig.fromEnv(merged)));
        ingest = track(IngestService.start(IngestConfig.fromEnv(merged)));
        lines.put("Ingest API", ingestUrl());
        lines.put("Site key (site default)", siteKeyLine(seed, givenKey.isPresent()));
        lines.put("Review queue, thread API", sinkUrl() + "/");
        lines.put("Dashboard", sinkUrl() + "/dashboard.html");
        lines.put("Moderation health, metrics", moderationUrl() + "/metrics");
    }

    private <T extends ServiceHandle> T track(T service) {
        started.push(service);
        LOG.info("started {}", service.describe());
        return service;
    }

    /** The seed's fate, for the console; a generated key is printed here, once. */
    private String siteKeyLine(String seed, boolean given) {
        return switch (ingest.siteKeys().keys().seedOutcome()) {
            case SEEDED, ALREADY_THERE -> {
                siteKey = Optional.of(seed);
                yield given ? "from " + SiteKeyConfig.SEED_VARIABLE : seed + "  (shown once; only its hash is kept)";
            }
            case IGNORED -> "created before (`threadguard keys list`; `keys create default` for a new one)";
            default -> "not written yet: Kafka did not answer";
        };
    }

    /** The key of the site {@code default} when this start seeded it or was given it; empty otherwise. */
    public Optional<String> siteKey() {
        return siteKey;
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
