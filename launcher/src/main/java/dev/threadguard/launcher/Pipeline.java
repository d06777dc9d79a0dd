package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import dev.threadguard.config.ServiceHandle;
import dev.threadguard.config.Settings;
import dev.threadguard.embedded.DataFolder;
import dev.threadguard.embedded.EmbeddedServers;
import dev.threadguard.ingest.IngestConfig;
import dev.threadguard.ingest.IngestService;
import dev.threadguard.ingest.auth.SiteKeyConfig;
import dev.threadguard.ingest.auth.SiteKeyTokens;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.ModerationService;
import dev.threadguard.moderation.StreamsTuning;
import dev.threadguard.sink.SinkConfig;
import dev.threadguard.sink.SinkService;
import dev.threadguard.sink.auth.AuthConfig;
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
 * The data folder is held (locked) while the pipeline runs: the embedded servers keep their data there
 * and Kafka Streams its state, so a pipeline started again on the same folder picks up where it stopped.
 * Closing stops everything in reverse order and releases the folder.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> lines = new java.util.LinkedHashMap<>();
    private DataFolder folder;
    private IngestService ingest;
    private ModerationService moderation;
    private SinkService sink;
    private Optional<String> siteKey = Optional.empty();
    private Optional<String> adminPassword = Optional.empty();

    private Pipeline() {
    }

    /** {@link #start(Env, Path, String)} for a caller that does not name itself. */
    public static Pipeline start(Env env, Path dataDir) {
        return start(env, dataDir, "threadguard");
    }

    /**
     * @param env     the process environment (or a test's)
     * @param dataDir the data folder: embedded servers and Streams keep their state there
     * @param holder  what runs, for the message another process gets when it finds the folder in use
     * @throws DataFolder.DataFolderInUseException when another process holds {@code dataDir}
     */
    public static Pipeline start(Env env, Path dataDir, String holder) {
        Pipeline pipeline = new Pipeline();
        try {
            pipeline.startAll(env, dataDir, holder);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Env env, Path dataDir, String holder) {
        folder = DataFolder.lock(dataDir, holder);
        started.push(folder);
        Map<String, String> vars = new HashMap<>();

        Optional<String> kafka = env.optional(Settings.KAFKA_BOOTSTRAP_SERVERS.name());
        Optional<String> database = env.optional(Settings.DATABASE_URL.name());
        if (kafka.isEmpty() || database.isEmpty()) {
            EmbeddedServers servers = EmbeddedServers.start(folder, new EmbeddedServers.Plan(
                    kafka.isEmpty(), Settings.EMBEDDED_KAFKA_PORT.read(env),
                    database.isEmpty(), Settings.EMBEDDED_DATABASE_PORT.read(env)));
            started.push(servers);
            vars.putAll(servers.env());
        }
        lines.put(kafka.isEmpty() ? "Kafka (embedded, KRaft)" : "Kafka",
                kafka.orElseGet(() -> vars.get(Settings.KAFKA_BOOTSTRAP_SERVERS.name())));
        lines.put(database.isEmpty() ? "PostgreSQL (embedded)" : "PostgreSQL",
                database.orElseGet(() -> vars.get(Settings.DATABASE_URL.name())));
        if (env.optional(Settings.MODERATION_STATE_DIR.name()).isEmpty()) {
            vars.put(Settings.MODERATION_STATE_DIR.name(), folder.streams().toString());
        }

        // Without THREADGUARD_SITE_KEY, a generated key seeds the site `default` (if it has no key yet).
        Optional<String> givenKey = env.optional(SiteKeyConfig.SEED_VARIABLE).filter(k -> !k.isBlank());
        String seed = givenKey.orElseGet(SiteKeyTokens::newKey);
        vars.put(SiteKeyConfig.SEED_VARIABLE, seed);

        Env merged = env.with(vars);
        AuthConfig auth = AuthConfig.fromEnv(merged).generatingAdminPassword();
        sink = track(SinkService.start(SinkConfig.fromEnv(merged), auth));
        adminPassword = sink.generatedAdminPassword().or(auth::adminPassword);
        // One moderation instance by construction.
        moderation = track(ModerationService.start(ModerationConfig.fromEnv(merged),
                StreamsTuning.forSingleInstance(merged)));
        ingest = track(IngestService.start(IngestConfig.fromEnv(merged)));
        lines.put("Ingest API", ingestUrl());
        lines.put("Site key (site default)", siteKeyLine(seed, givenKey.isPresent()));
        lines.put("Review queue, thread API", sinkUrl() + "/");
        lines.put("Dashboard", sinkUrl() + "/dashboard.html");
        lines.put("Moderation health, metrics", moderationUrl() + "/metrics");
        lines.put("Data folder", folder.root().toString());
    }

    /** The data folder this pipeline holds. */
    public Path dataDir() {
        return folder.root();
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
