package dev.threadguard.config;

import static dev.threadguard.config.Setting.Component.DATA_FOLDER;
import static dev.threadguard.config.Setting.Component.EMBEDDED;
import static dev.threadguard.config.Setting.Component.EVALUATE;
import static dev.threadguard.config.Setting.Component.INGEST;
import static dev.threadguard.config.Setting.Component.LAUNCHER;
import static dev.threadguard.config.Setting.Component.MODERATION;
import static dev.threadguard.config.Setting.Component.SINK;

import dev.threadguard.config.Setting.Component;
import dev.threadguard.contract.TimeRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every environment variable Threadguard reads, each declared once. A variable read anywhere must be
 * declared here: the services' configs read through these constants, {@code ./threadguard config} prints
 * them, and a test fails when the README's configuration table differs from {@link #markdownTable()} or
 * when a config reads a variable that is not declared.
 */
public final class Settings {
    private static final List<Setting<?>> ALL = new ArrayList<>();

    private Settings() {
    }

    // Kafka and PostgreSQL

    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = add(Setting.required("KAFKA_BOOTSTRAP_SERVERS",
            "the embedded broker (`up`, `demo`); required otherwise",
            "give the Kafka brokers, e.g. localhost:9092",
            "The Kafka brokers, e.g. `localhost:9092`.", INGEST, MODERATION, SINK));
    public static final Setting<String> DATABASE_URL = add(Setting.required("DATABASE_URL",
            "the embedded PostgreSQL (`up`, `demo`); required otherwise",
            "the PostgreSQL JDBC url, e.g. jdbc:postgresql://localhost:5432/threadguard",
            "The PostgreSQL JDBC URL, e.g. `jdbc:postgresql://localhost:5432/threadguard`.", SINK));
    public static final Setting<Optional<String>> DATABASE_USER = add(Setting.optional("DATABASE_USER",
            "none (the URL's)", "The database user.", SINK));
    public static final Setting<Optional<String>> DATABASE_PASSWORD = add(Setting.optional("DATABASE_PASSWORD",
            "none (the URL's)", "The database user's password.", SINK));
    public static final Setting<Integer> TOPIC_PARTITIONS = add(Setting.integer("TOPIC_PARTITIONS", 3, 1, 10_000,
            "Partitions of the topics a service creates at start when they are missing.", INGEST, MODERATION, SINK));
    public static final Setting<Integer> TOPIC_REPLICATION = add(Setting.integer("TOPIC_REPLICATION", 1, 1,
            Short.MAX_VALUE, "Replication factor of the topics a service creates, and of Kafka Streams' internal topics.",
            INGEST, MODERATION, SINK));

    // Kafka security (read by dev.threadguard.contract.KafkaClientSecurity for every Kafka client; docs/deploy.md)

    public static final Setting<Optional<String>> KAFKA_SECURITY_PROTOCOL = add(Setting.optional(
            "KAFKA_SECURITY_PROTOCOL", "`PLAINTEXT`", "How the Kafka clients connect: `PLAINTEXT`, `SASL_PLAINTEXT` or "
                    + "`SASL_SSL` (SCRAM, see docs/deploy.md).", INGEST, MODERATION, SINK));
    public static final Setting<Optional<String>> KAFKA_SASL_MECHANISM = add(Setting.optional("KAFKA_SASL_MECHANISM",
            "`SCRAM-SHA-512`", "The SASL mechanism with `SASL_*`: `SCRAM-SHA-512` or `SCRAM-SHA-256`.",
            INGEST, MODERATION, SINK));
    public static final Setting<Optional<String>> KAFKA_SASL_USERNAME = add(Setting.optional("KAFKA_SASL_USERNAME",
            "none; required with `SASL_*`", "The SASL user the service logs in as.", INGEST, MODERATION, SINK));
    public static final Setting<Optional<String>> KAFKA_SASL_PASSWORD = add(Setting.optional("KAFKA_SASL_PASSWORD",
            "none; this or the file required with `SASL_*`", "The SASL user's password; never logged.",
            INGEST, MODERATION, SINK));
    public static final Setting<Optional<String>> KAFKA_SASL_PASSWORD_FILE = add(Setting.optional(
            "KAFKA_SASL_PASSWORD_FILE", "none", "A file holding only the password instead (e.g. a Docker secret); one "
                    + "trailing line break is dropped. Set only one of the two.", INGEST, MODERATION, SINK));
    public static final Setting<Optional<String>> KAFKA_SSL_TRUSTSTORE_LOCATION = add(Setting.optional(
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "the JVM's CAs", "With `SASL_SSL`: a truststore file with the brokers' CA.",
            INGEST, MODERATION, SINK));
    public static final Setting<Optional<String>> KAFKA_SSL_TRUSTSTORE_TYPE = add(Setting.optional(
            "KAFKA_SSL_TRUSTSTORE_TYPE", "Kafka's (`JKS`)", "The truststore's type: `JKS`, `PKCS12` or `PEM`.",
            INGEST, MODERATION, SINK));
    public static final Setting<Optional<String>> KAFKA_SSL_TRUSTSTORE_PASSWORD = add(Setting.optional(
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "none", "The truststore's password (none for `PEM`).",
            INGEST, MODERATION, SINK));

    // Ingest

    public static final Setting<Integer> INGEST_PORT = add(Setting.port("INGEST_PORT", 8081,
            "HTTP port of the ingest API, `/health` and `/metrics`; 0 picks a free port.", INGEST));
    public static final Setting<Integer> INGEST_MAX_BODY_BYTES = add(Setting.integer("INGEST_MAX_BODY_BYTES",
            1024 * 1024, 1_024, Integer.MAX_VALUE - 1, "Largest body of a single article or comment, in bytes.", INGEST));
    public static final Setting<Integer> INGEST_MAX_BATCH_BYTES = add(Setting.integer("INGEST_MAX_BATCH_BYTES",
            16 * 1024 * 1024, 1_024, Integer.MAX_VALUE - 1, "Largest body of a batch, in bytes.", INGEST));
    public static final Setting<Integer> INGEST_MAX_BATCH_ITEMS = add(Setting.integer("INGEST_MAX_BATCH_ITEMS",
            10_000, 1, 1_000_000, "Most comments in one batch.", INGEST));
    public static final Setting<Duration> INGEST_SEND_TIMEOUT = add(Setting.duration("INGEST_SEND_TIMEOUT",
            Duration.ofSeconds(10), "Longest a request waits for Kafka before it is answered 503 (at least `PT1S`).",
            INGEST));
    public static final Setting<Integer> INGEST_PRODUCERS = add(Setting.integer("INGEST_PRODUCERS", 2, 1, 64,
            "Transactional producers, that is how many Kafka transactions commit in parallel; requests that arrive "
                    + "while they are busy are committed together in the next transaction.", INGEST));
    public static final Setting<Integer> INGEST_RESEND_MEMORY_IDS = add(Setting.integer("INGEST_RESEND_MEMORY_IDS",
            100_000, 0, 100_000_000, "Comment ids each ingest instance remembers (about 200 bytes each) to answer a "
                    + "resend with other content 409; 0 remembers none (moderation still dead-letters it).", INGEST));
    public static final Setting<Duration> INGEST_RESEND_MEMORY_TTL = add(Setting.duration("INGEST_RESEND_MEMORY_TTL",
            Duration.ofHours(1), "How long ingest remembers each comment id for that check.", INGEST));
    public static final Setting<String> INGEST_RATE_LIMIT = add(Setting.text("INGEST_RATE_LIMIT", "500/s",
            "Comments each site key may send per second, minute or hour (`500/s`, `30000/min`, `100000/h`), per ingest "
                    + "instance; an article or a single comment counts 1, a batch its comments; `unlimited` turns limits "
                    + "off. Past it: `429` with `Retry-After`.", INGEST));
    public static final Setting<Integer> INGEST_RATE_BURST = add(Setting.integer("INGEST_RATE_BURST", 10_000, 1,
            1_000_000_000, "Most comments a key may send at once (its bucket's size); a larger batch is a `413`, so keep "
                    + "it at least `INGEST_MAX_BATCH_ITEMS`.", INGEST));
    public static final Setting<Optional<String>> THREADGUARD_SITE_KEY = add(Setting.optional("THREADGUARD_SITE_KEY",
            "none; `up` and `demo` generate one and print it", "The key of the site `default`, written (as its hash) "
                    + "when `site.keys` holds no key for `default`: `tg_` and 43 letters, digits, `-` or `_`, as "
                    + "`keys create` makes them. Pass it as a secret.", INGEST));
    public static final Setting<Duration> EVENT_MAX_CLOCK_SKEW = add(Setting.duration("EVENT_MAX_CLOCK_SKEW",
            Duration.ofHours(1), TimeRange.MAX_CONFIGURABLE_SKEW,
            "How far past now a timestamp may lie (a client clock running ahead), at most `P366D`; every instant must "
                    + "also be after 1970-01-01T00:00:00Z. Outside, a request is a 400 and a Kafka record a dead letter.",
            INGEST, MODERATION, SINK));

    // Moderation

    public static final Setting<Integer> MODERATION_PORT = add(Setting.port("MODERATION_PORT", 8082,
            "HTTP port of moderation's `/health` and `/metrics`; 0 picks a free port.", MODERATION));
    public static final Setting<String> MODERATION_APPLICATION_ID = add(Setting.text("MODERATION_APPLICATION_ID",
            "threadguard-moderation", "The Kafka Streams application id: its consumer group and the prefix of its "
                    + "internal topics.", MODERATION));
    public static final Setting<Optional<String>> MODERATION_INSTANCE_ID = add(Setting.optional(
            "MODERATION_INSTANCE_ID", "the host name and a hash of the state folder", "The instance's static group "
                    + "membership id (`group.instance.id`), so that a restarted instance takes its partitions back at "
                    + "once: stable across restarts, unique among running instances.", MODERATION));
    public static final Setting<String> MODERATION_STATE_DIR = add(Setting.text("MODERATION_STATE_DIR",
            Path.of(System.getProperty("java.io.tmpdir"), "threadguard-moderation-state").toString(),
            "Where Kafka Streams keeps its state stores on disk.", MODERATION)
            .shownAs("`streams/` in the data folder (`up`, `demo`); else `threadguard-moderation-state` in the "
                    + "temporary folder"));
    public static final Setting<Duration> MODERATION_HOLD_TIMEOUT = add(Setting.duration("MODERATION_HOLD_TIMEOUT",
            Duration.ofHours(1), "How long a comment that arrived before its article waits for it.", MODERATION));
    public static final Setting<Integer> MODERATION_HOLD_MAX_PER_ARTICLE = add(Setting.integer(
            "MODERATION_HOLD_MAX_PER_ARTICLE", 1_000, 1, 1_000_000, "How many comments may wait for one article; "
                    + "past it a new comment is judged at once without the article, and its reason says so.",
            MODERATION));
    public static final Setting<Integer> MODERATION_HOLD_MAX_TOTAL = add(Setting.integer(
            "MODERATION_HOLD_MAX_TOTAL", 100_000, 1, 100_000_000, "How many comments may wait for their articles "
                    + "in one stream task; past it a new comment is judged at once without its article.",
            MODERATION));
    public static final Setting<Integer> MODERATION_THREAD_HISTORY = add(Setting.integer("MODERATION_THREAD_HISTORY",
            500, 1, 100_000, "Earlier comments kept per article for parents, context and duplicate checks.",
            MODERATION));
    public static final Setting<Duration> MODERATION_RETENTION = add(Setting.duration("MODERATION_RETENTION",
            Duration.ofDays(7), "How long comments are remembered for duplicate checks.", MODERATION));
    public static final Setting<Integer> MODERATION_AUTHOR_HISTORY = add(Setting.integer("MODERATION_AUTHOR_HISTORY",
            200, 1, 100_000, "Recent comments kept per author for the cross-thread duplicate check.", MODERATION));
    public static final Setting<Integer> DUPLICATE_GLOBAL_RETENTION_DAYS = add(Setting.integer(
            "DUPLICATE_GLOBAL_RETENTION_DAYS", 90, 1, 3_650, "Days (stream time) for which the global copy search "
                    + "finds a copy by anyone in any thread; its state grows with the comments of this many days "
                    + "(about 200 bytes each on disk, see docs/moderation-state.md).", MODERATION));

    public static final Setting<Integer> MODERATION_STREAM_THREADS = add(Setting.integer("MODERATION_STREAM_THREADS",
            0, 0, 1_024, "Kafka Streams threads of a moderation instance; `0` = one per available core. More threads "
                    + "than partitions of the inputs stay idle.", MODERATION));
    public static final Setting<Integer> MODERATION_STANDBY_REPLICAS = add(Setting.integer(
            "MODERATION_STANDBY_REPLICAS", 1, 0, 10, "Standby copies of each task's state kept on other instances, "
                    + "so that one takes over a failed instance's tasks without restoring from the changelogs; "
                    + "with a single instance there is nowhere to keep them and nothing is kept.", MODERATION));
    public static final Setting<Duration> MODERATION_COMMIT_INTERVAL = add(Setting.duration(
            "MODERATION_COMMIT_INTERVAL", Duration.ofMillis(30), "How often a stream thread commits its exactly-once "
                    + "transaction; each stage only sees a record once the stage before committed it, so the "
                    + "accept-to-verdict floor is about the stages × half of this; shorter costs more transactions.",
            MODERATION));
    public static final Setting<Integer> MODERATION_ROCKSDB_MEMORY_MB = add(Setting.integer(
            "MODERATION_ROCKSDB_MEMORY_MB", 64, 8, 1_048_576, "Off-heap memory (MiB) all RocksDB state stores of an "
                    + "instance share: block cache with index and filter blocks, and write buffers (up to half).",
            MODERATION));

    // Detectors (moderation, and the evaluate command)

    public static final Setting<Double> THRESHOLD_DUPLICATE = add(Setting.decimal("THRESHOLD_DUPLICATE", 0.9, 0, 1,
            "The duplicate score from which DUPLICATE is raised.", MODERATION, EVALUATE));
    public static final Setting<Double> THRESHOLD_OFF_TOPIC = add(Setting.decimal("THRESHOLD_OFF_TOPIC", 0.5, 0, 1,
            "The off-topic score from which OFF_TOPIC is raised.", MODERATION, EVALUATE));
    public static final Setting<Double> THRESHOLD_SUPPORT_REQUEST = add(Setting.decimal("THRESHOLD_SUPPORT_REQUEST",
            0.5, 0, 1, "The support score from which SUPPORT_REQUEST is raised.", MODERATION, EVALUATE));
    public static final Setting<Integer> DUPLICATE_MIN_COPY_WORDS = add(Setting.integer("DUPLICATE_MIN_COPY_WORDS",
            6, 1, 1_000, "Words from which someone else's identical text counts as a copy, and from which "
                    + "near-duplicates are looked for.", MODERATION, EVALUATE));
    public static final Setting<Integer> OFF_TOPIC_THREAD_WINDOW = add(Setting.integer("OFF_TOPIC_THREAD_WINDOW",
            30, 1, 10_000, "Recent comments of a thread that count as its subject.", MODERATION, EVALUATE));
    public static final Setting<Boolean> OFF_TOPIC_EMBEDDINGS = add(Setting.flag("OFF_TOPIC_EMBEDDINGS", true,
            "Whether the off-topic model also reads similarities of meaning (sentence vectors) for every comment; "
                    + "`false` judges by shared words only, in microseconds per comment.", MODERATION, EVALUATE));
    public static final Setting<String> OFF_TOPIC_VECTORS = add(Setting.text("OFF_TOPIC_VECTORS", "hybrid",
            "Which sentence vectors the off-topic model reads: `hybrid` (the static table for every comment, the "
                    + "MiniLM transformer again for those not plainly on-topic, in the second-opinion stage after a "
                    + "provisional verdict, see `OFF_TOPIC_HYBRID_FROM`), `static` "
                    + "(token table distilled from MiniLM, microseconds per comment) or `minilm` (the MiniLM "
                    + "transformer for every comment, about 5 ms per comment).",
            MODERATION, EVALUATE));
    public static final Setting<Double> OFF_TOPIC_HYBRID_FROM = add(Setting.decimal("OFF_TOPIC_HYBRID_FROM",
            0.06, 0, 1, "With `hybrid` vectors: the off-topic score with static vectors from which a comment is judged "
                    + "again with the MiniLM transformer (0: every comment; 1: only help requests).", MODERATION, EVALUATE));
    public static final Setting<Double> OFF_TOPIC_UNCERTAIN_FROM = add(Setting.decimal("OFF_TOPIC_UNCERTAIN_FROM",
            0.0, 0, 1, "The words-only off-topic score from which a comment's meaning is also measured (0: every comment).",
            MODERATION, EVALUATE));
    public static final Setting<Double> OFF_TOPIC_UNCERTAIN_TO = add(Setting.decimal("OFF_TOPIC_UNCERTAIN_TO",
            1.0, 0, 1, "The words-only off-topic score above which words alone decide.", MODERATION, EVALUATE));
    public static final Setting<Double> OFF_TOPIC_SIMILARITY_THRESHOLD = add(Setting.decimal(
            "OFF_TOPIC_SIMILARITY_THRESHOLD", 0.15, 0, 1, "Unused since detector 2026.11-5 (the off-topic model weighs "
                    + "the similarity of meaning itself); still accepted so that existing configurations load.", MODERATION, EVALUATE));
    public static final Setting<Integer> DETECTOR_TEXT_CACHE_SIZE = add(Setting.integer("DETECTOR_TEXT_CACHE_SIZE",
            20_000, 100, 10_000_000, "Analysed comment texts kept in memory, and as many thread entries kept decoded "
                    + "by the thread stage (docs/moderation-state.md).", MODERATION, EVALUATE));
    public static final Setting<Integer> DETECTOR_ARTICLE_CACHE_SIZE = add(Setting.integer(
            "DETECTOR_ARTICLE_CACHE_SIZE", 1_000, 1, 1_000_000, "Analysed articles kept in memory.", MODERATION, EVALUATE));
    public static final Setting<Integer> DETECTOR_EMBEDDING_CACHE_SIZE = add(Setting.integer(
            "DETECTOR_EMBEDDING_CACHE_SIZE", 10_000, 100, 10_000_000, "Comment vectors kept in memory (0.5 KB each with `static` vectors, 1.5 KB with `minilm`).",
            MODERATION, EVALUATE));

    // Sink

    public static final Setting<Integer> SINK_PORT = add(Setting.port("SINK_PORT", 8080,
            "HTTP port of the review queue, the thread API, `/health` and `/metrics`; 0 picks a free port.", SINK));
    public static final Setting<String> SINK_GROUP_ID = add(Setting.text("SINK_GROUP_ID", "threadguard-sink",
            "The sink's Kafka consumer group.", SINK));
    public static final Setting<Optional<String>> SINK_INSTANCE_ID = add(Setting.optional("SINK_INSTANCE_ID",
            "the host name and `SINK_PORT`; none when the port is 0", "The consumer's static group membership id "
                    + "(`group.instance.id`): stable across restarts, unique among running instances; without one the "
                    + "consumer is a dynamic member.", SINK));
    public static final Setting<Integer> SINK_DB_POOL_SIZE = add(Setting.integer("SINK_DB_POOL_SIZE", 4, 2, 100,
            "Database connections shared by the consumer and the HTTP API.", SINK));
    public static final Setting<Integer> SINK_BATCH_RECORDS = add(Setting.integer("SINK_BATCH_RECORDS", 2_000, 1,
            100_000, "Records per poll of the sink, and the size at which it stops polling to fill a batch (one "
                    + "transaction, one statement per table; the last poll may take a batch up to twice this): larger "
                    + "batches write more comments per second, and hold more in memory and redo more after a failure.", SINK));
    public static final Setting<Integer> SINK_BATCH_MAX_WAIT_MS = add(Setting.integer("SINK_BATCH_MAX_WAIT_MS", 20, 0,
            10_000, "Milliseconds at most the sink keeps taking records the consumer already holds into a batch once it "
                    + "holds one (it stops at the first poll that finds nothing, so a trickle is stored at once and a "
                    + "flood in batches of up to twice `SINK_BATCH_RECORDS`); 0 stores every poll at once.", SINK));
    public static final Setting<Optional<String>> POLICY_DUPLICATE = add(policy("POLICY_DUPLICATE", "hold", "DUPLICATE"));
    public static final Setting<Optional<String>> POLICY_OFF_TOPIC = add(policy("POLICY_OFF_TOPIC", "publish-and-flag",
            "OFF_TOPIC"));
    public static final Setting<Optional<String>> POLICY_SUPPORT_REQUEST = add(policy("POLICY_SUPPORT_REQUEST", "hold",
            "SUPPORT_REQUEST"));
    public static final Setting<Optional<String>> SINK_REJECT_REASONS = add(Setting.optional("SINK_REJECT_REASONS",
            "a built-in list", "The reasons offered when rejecting, separated by `|`.", SINK));

    // Moderator logins (sink)

    public static final Setting<Optional<String>> THREADGUARD_ADMIN_PASSWORD = add(Setting.optional(
            "THREADGUARD_ADMIN_PASSWORD", "none: `up` and `demo` generate one and print it once; a lone `sink` creates "
                    + "no one", "On a start with no users, the password of the user `admin` it creates (at least 12 "
                    + "characters). Ignored once users exist.", SINK));
    public static final Setting<Duration> SINK_SESSION_IDLE = add(Setting.duration("SINK_SESSION_IDLE",
            Duration.ofMinutes(30), "A login ends after this long unused (at least `PT10S`).", SINK));
    public static final Setting<Duration> SINK_SESSION_MAX = add(Setting.duration("SINK_SESSION_MAX",
            Duration.ofHours(12), "A login ends this long after it began, however much it is used (at least "
                    + "`SINK_SESSION_IDLE`).", SINK));
    public static final Setting<Integer> SINK_LOGINS_PER_USER = add(Setting.integer("SINK_LOGINS_PER_USER", 5, 1,
            10_000, "Login attempts per minute per user name; past it 429 with `Retry-After`.", SINK));
    public static final Setting<Integer> SINK_LOGINS_PER_ADDRESS = add(Setting.integer("SINK_LOGINS_PER_ADDRESS", 20,
            1, 100_000, "Login attempts per minute per client address; past it 429 with `Retry-After`.", SINK));
    public static final Setting<Boolean> SINK_TRUST_PROXY = add(Setting.flag("SINK_TRUST_PROXY", false,
            "`true` behind a reverse proxy: believe its `X-Forwarded-Proto`, `-Host` and `-For` (Secure cookie, "
                    + "origin check, the address login attempts are counted by). Never when clients reach the sink "
                    + "directly.", SINK));
    public static final Setting<Optional<String>> SINK_OIDC_ISSUER = add(Setting.optional("SINK_OIDC_ISSUER",
            "none: no single sign-on", "The issuer URL of an OpenID Connect provider moderators may also log in "
                    + "through (its `/.well-known/openid-configuration` is read at start).", SINK));
    public static final Setting<String> SINK_OIDC_CLIENT_ID = add(Setting.required("SINK_OIDC_CLIENT_ID",
            "none; required with `SINK_OIDC_ISSUER`", "the client id the OpenID provider gave the sink",
            "The sink's client id at the OpenID provider.", SINK));
    public static final Setting<String> SINK_OIDC_CLIENT_SECRET = add(Setting.required("SINK_OIDC_CLIENT_SECRET",
            "none; required with `SINK_OIDC_ISSUER`", "the client secret the OpenID provider gave the sink",
            "The sink's client secret at the OpenID provider.", SINK));
    public static final Setting<String> SINK_OIDC_ROLE_CLAIM = add(Setting.text("SINK_OIDC_ROLE_CLAIM", "roles",
            "The ID-token claim holding a user's roles (a string or a list).", SINK));
    public static final Setting<String> SINK_OIDC_ADMIN_ROLE = add(Setting.text("SINK_OIDC_ADMIN_ROLE",
            "threadguard-admin", "The value of that claim that makes an admin.", SINK));
    public static final Setting<String> SINK_OIDC_MODERATOR_ROLE = add(Setting.text("SINK_OIDC_MODERATOR_ROLE",
            "threadguard-moderator", "The value of that claim that makes a moderator; a user with neither role is "
                    + "refused.", SINK));

    // The embedded servers and the data folder (up, demo, servers)

    public static final Setting<Optional<String>> THREADGUARD_DATA_DIR = add(Setting.optional("THREADGUARD_DATA_DIR",
            "`$XDG_DATA_HOME/threadguard`, else `~/.local/share/threadguard`",
            "The data folder of `up` and `servers`: Kafka's log, PostgreSQL's cluster, Kafka Streams' state. "
                    + "`demo` always uses a temporary folder and removes it.", DATA_FOLDER));
    public static final Setting<Optional<String>> XDG_DATA_HOME = add(Setting.optional("XDG_DATA_HOME",
            "`~/.local/share`", "Where the default data folder goes (the XDG base directory convention); an absolute "
                    + "path only.", DATA_FOLDER));
    public static final Setting<Integer> EMBEDDED_KAFKA_PORT = add(Setting.port("EMBEDDED_KAFKA_PORT", 9092,
            "Client port of the embedded Kafka broker; 0 picks a free port (the data folder's last one if free).",
            EMBEDDED));
    public static final Setting<Integer> EMBEDDED_DATABASE_PORT = add(Setting.port("EMBEDDED_DATABASE_PORT", 0,
            "Port of the embedded PostgreSQL; 0 picks a free port (the data folder's last one if free).", EMBEDDED));

    // Read outside Java

    public static final Setting<Optional<String>> THREADGUARD_LOG_LEVEL = add(Setting.external("THREADGUARD_LOG_LEVEL",
            "`INFO`", "Log level of Threadguard's own loggers (logs go to standard error).", LAUNCHER));
    public static final Setting<Optional<String>> THREADGUARD_ROOT_LOG_LEVEL = add(Setting.external(
            "THREADGUARD_ROOT_LOG_LEVEL", "`WARN`", "Log level of the libraries (Kafka, Jetty, Flyway...).", LAUNCHER));
    public static final Setting<Optional<String>> THREADGUARD_KAFKA_LOG_LEVEL = add(Setting.external(
            "THREADGUARD_KAFKA_LOG_LEVEL", "`WARN`", "Log level of the Kafka clients and Kafka Streams; `INFO` shows "
                    + "every rebalance, its reason and each state transition (the fault harness runs moderation so).",
            LAUNCHER));
    public static final Setting<Optional<String>> THREADGUARD_JAVA_OPTS = add(Setting.external("THREADGUARD_JAVA_OPTS",
            "none", "Options the `./threadguard` script gives the JVM, e.g. `-Xmx1g`. Without a heap size among them the "
                    + "script bounds the heap per command: `moderation` 512 MB, `ingest` and `sink` 256 MB, `up` and "
                    + "`demo` 1.5 GB, each with `-XX:+ExitOnOutOfMemoryError`; other commands keep the JVM's default. "
                    + "The script also sets `MALLOC_ARENA_MAX=2` unless it is set (fewer glibc arenas kept by RocksDB's "
                    + "and ONNX Runtime's threads).",
            LAUNCHER));

    private static Setting<Optional<String>> policy(String name, String defaultValue, String flag) {
        return Setting.optional(name, "`" + defaultValue + "`", "What the " + flag + " flag does: `hold` (not published "
                + "until approved), `publish-and-flag` (published and queued) or `log-only` (stored and counted, not "
                + "queued).", SINK);
    }

    private static <T> Setting<T> add(Setting<T> setting) {
        if (ALL.stream().anyMatch(s -> s.name().equals(setting.name()))) {
            throw new IllegalStateException(setting.name() + " is declared twice");
        }
        ALL.add(setting);
        return setting;
    }

    /** Every declared variable, in the order of this catalogue. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    public static Optional<Setting<?>> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The configuration table of the README: one row per variable. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| variable | default | used by | what it sets |\n|---|---|---|---|\n");
        for (Setting<?> s : ALL) {
            out.append("| `").append(s.name()).append("` | ").append(cell(s.defaultText())).append(" | ")
                    .append(cell(usedBy(s.usedBy()))).append(" | ").append(cell(s.description())).append(" |\n");
        }
        return out.toString();
    }

    private static String usedBy(java.util.Set<Component> components) {
        if (components.containsAll(EnumSet.of(INGEST, MODERATION, SINK))) {
            EnumSet<Component> rest = EnumSet.copyOf(components);
            rest.removeAll(EnumSet.of(INGEST, MODERATION, SINK));
            return rest.isEmpty() ? "all services" : "all services, " + usedBy(rest);
        }
        return EnumSet.copyOf(components).stream().map(Component::label).collect(Collectors.joining(", "));
    }

    /** A table cell: a pipe inside a cell would end it, even inside code spans. */
    private static String cell(String markdown) {
        return markdown.replace("|", "\\|");
    }
}
