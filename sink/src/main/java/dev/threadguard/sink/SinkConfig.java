package dev.threadguard.sink;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.contract.Decision;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.Database;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the sink needs to run, read once from the environment.
 *
 * @param port HTTP port; 0 picks a free one (tests, several instances on one machine)
 * @param dbPoolSize connections shared by the consumer (one at a time) and the HTTP handlers
 * @param policy what each flag does to a comment ({@code POLICY_DUPLICATE}, {@code POLICY_OFF_TOPIC},
 *     {@code POLICY_SUPPORT_REQUEST}: hold | publish-and-flag | log-only)
 * @param rejectReasons the reasons a moderator picks from when rejecting ({@code SINK_REJECT_REASONS},
 *     separated by '|'); free text is allowed besides
 */
public record SinkConfig(
        String bootstrapServers,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int port,
        String groupId,
        int dbPoolSize,
        int topicPartitions,
        short topicReplication,
        ModerationPolicy policy,
        List<String> rejectReasons) {

    public static final int DEFAULT_PORT = Settings.SINK_PORT.defaultValue();
    public static final String DEFAULT_GROUP_ID = Settings.SINK_GROUP_ID.defaultValue();
    public static final int DEFAULT_DB_POOL_SIZE = Settings.SINK_DB_POOL_SIZE.defaultValue();
    public static final int DEFAULT_TOPIC_PARTITIONS = Settings.TOPIC_PARTITIONS.defaultValue();
    public static final List<String> DEFAULT_REJECT_REASONS = List.of(
            "Spam or advertising",
            "Abusive or insulting",
            "Duplicate of an earlier comment",
            "Off topic",
            "Support request: passed to the support team",
            "Personal information");

    public SinkConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ConfigException("KAFKA_BOOTSTRAP_SERVERS must name at least one broker, e.g. localhost:9092");
        }
        if (databaseUrl == null || !databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("DATABASE_URL must be a PostgreSQL JDBC url such as "
                    + "jdbc:postgresql://localhost:5432/threadguard, got '" + databaseUrl + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException("SINK_PORT must be between 0 and 65535, got " + port);
        }
        if (groupId == null || groupId.isBlank()) {
            throw new ConfigException("SINK_GROUP_ID must not be blank");
        }
        if (dbPoolSize < 2) {
            // One connection is held by the consumer's transaction; the HTTP API needs at least one more.
            throw new ConfigException("SINK_DB_POOL_SIZE must be at least 2, got " + dbPoolSize);
        }
        if (topicPartitions < 1) {
            throw new ConfigException("TOPIC_PARTITIONS must be at least 1, got " + topicPartitions);
        }
        if (topicReplication < 1) {
            throw new ConfigException("TOPIC_REPLICATION must be at least 1, got " + topicReplication);
        }
        if (policy == null) {
            throw new ConfigException("the moderation policy (POLICY_*) is required");
        }
        if (rejectReasons == null || rejectReasons.isEmpty()) {
            throw new ConfigException("SINK_REJECT_REASONS must list at least one reason, separated by '|'");
        }
        for (String reason : rejectReasons) {
            if (reason.isBlank() || reason.length() > Decision.MAX_REASON_LENGTH) {
                throw new ConfigException("SINK_REJECT_REASONS: each reason must be 1 to " + Decision.MAX_REASON_LENGTH
                        + " characters, got '" + reason + "'");
            }
        }
        rejectReasons = List.copyOf(rejectReasons);
    }

    public static SinkConfig fromEnv(Env env) {
        return new SinkConfig(
                Settings.KAFKA_BOOTSTRAP_SERVERS.read(env),
                Settings.DATABASE_URL.read(env),
                Settings.DATABASE_USER.read(env).orElse(null),
                Settings.DATABASE_PASSWORD.read(env).orElse(null),
                Settings.SINK_PORT.read(env),
                Settings.SINK_GROUP_ID.read(env),
                Settings.SINK_DB_POOL_SIZE.read(env),
                Settings.TOPIC_PARTITIONS.read(env),
                Settings.TOPIC_REPLICATION.read(env).shortValue(),
                ModerationPolicy.fromEnv(env),
                Settings.SINK_REJECT_REASONS.read(env).map(SinkConfig::reasons).orElse(DEFAULT_REJECT_REASONS));
    }

    private static List<String> reasons(String raw) {
        return Arrays.stream(raw.split("\\|")).map(String::strip).filter(r -> !r.isEmpty()).toList();
    }

    /** Same settings on another HTTP port (tests use 0). */
    public SinkConfig withPort(int newPort) {
        return new SinkConfig(bootstrapServers, databaseUrl, databaseUser, databasePassword, newPort, groupId,
                dbPoolSize, topicPartitions, topicReplication, policy, rejectReasons);
    }

    /** Same settings with another policy (tests). */
    public SinkConfig withPolicy(ModerationPolicy newPolicy) {
        return new SinkConfig(bootstrapServers, databaseUrl, databaseUser, databasePassword, port, groupId,
                dbPoolSize, topicPartitions, topicReplication, newPolicy, rejectReasons);
    }

    /** Hides the password (and any in the database URL) when the config is logged. */
    @Override
    public String toString() {
        return "SinkConfig[bootstrapServers=" + bootstrapServers + ", databaseUrl=" + Database.redacted(databaseUrl)
                + ", databaseUser=" + databaseUser + ", databasePassword=" + (databasePassword == null ? "<unset>" : "***")
                + ", port=" + port + ", groupId=" + groupId + ", dbPoolSize=" + dbPoolSize
                + ", topicPartitions=" + topicPartitions + ", topicReplication=" + topicReplication
                + ", policy=" + policy.byFlag() + ", rejectReasons=" + rejectReasons + "]";
    }
}
