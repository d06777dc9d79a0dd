package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.contract.Flag;
import dev.threadguard.sink.policy.FlagPolicy;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> vars = new HashMap<>();
        vars.put("KAFKA_BOOTSTRAP_SERVERS", "broker:9092");
        vars.put("DATABASE_URL", "jdbc:postgresql://db:5432/threadguard");
        return vars;
    }

    @Test
    void defaultsApplyWhenOnlyRequiredVariablesAreSet() {
        SinkConfig config = SinkConfig.fromEnv(new Env(minimal()));

        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.databaseUrl()).isEqualTo("jdbc:postgresql://db:5432/threadguard");
        assertThat(config.databaseUser()).isNull();
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.groupId()).isEqualTo("threadguard-sink");
        assertThat(config.dbPoolSize()).isEqualTo(4);
        assertThat(config.topicPartitions()).isEqualTo(3);
        assertThat(config.topicReplication()).isEqualTo((short) 1);
    }

    @Test
    void everyVariableIsRead() {
        Map<String, String> vars = minimal();
        vars.put("DATABASE_USER", "sink");
        vars.put("DATABASE_PASSWORD", "secret");
        vars.put("SINK_PORT", "0");
        vars.put("SINK_GROUP_ID", "sink-2");
        vars.put("SINK_DB_POOL_SIZE", "8");
        vars.put("TOPIC_PARTITIONS", "6");
        vars.put("TOPIC_REPLICATION", "3");

        SinkConfig config = SinkConfig.fromEnv(new Env(vars));

        assertThat(config).isEqualTo(new SinkConfig("broker:9092", "jdbc:postgresql://db:5432/threadguard", "sink",
                "secret", 0, "sink-2", 8, 6, (short) 3, new ModerationPolicy(Map.of()),
                SinkConfig.DEFAULT_REJECT_REASONS));
    }

    @Test
    void missingBootstrapServersIsNamed() {
        Map<String, String> vars = minimal();
        vars.remove("KAFKA_BOOTSTRAP_SERVERS");

        assertThatThrownBy(() -> SinkConfig.fromEnv(new Env(vars)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void missingDatabaseUrlIsNamed() {
        Map<String, String> vars = minimal();
        vars.remove("DATABASE_URL");

        assertThatThrownBy(() -> SinkConfig.fromEnv(new Env(vars)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void nonJdbcDatabaseUrlIsRefused() {
        Map<String, String> vars = minimal();
        vars.put("DATABASE_URL", "postgres://db:5432/threadguard");

        assertThatThrownBy(() -> SinkConfig.fromEnv(new Env(vars)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("postgres://db:5432/threadguard");
    }

    @Test
    void badNumbersNameTheirVariable() {
        Map<String, String> port = minimal();
        port.put("SINK_PORT", "eighty");
        Map<String, String> pool = minimal();
        pool.put("SINK_DB_POOL_SIZE", "1");

        assertThatThrownBy(() -> SinkConfig.fromEnv(new Env(port))).hasMessageContaining("SINK_PORT");
        assertThatThrownBy(() -> SinkConfig.fromEnv(new Env(pool))).hasMessageContaining("SINK_DB_POOL_SIZE");
    }

    @Test
    void passwordStaysOutOfToString() {
        Map<String, String> vars = minimal();
        vars.put("DATABASE_PASSWORD", "hunter2");

        assertThat(SinkConfig.fromEnv(new Env(vars)).toString()).doesNotContain("hunter2").contains("***");
    }

    @Test
    void aPasswordInTheDatabaseUrlStaysOutOfToString() {
        Map<String, String> vars = minimal();
        vars.put("DATABASE_URL", "jdbc:postgresql://db:5432/threadguard?sslmode=require&password=hunter2&sslpassword=s3cret");

        assertThat(SinkConfig.fromEnv(new Env(vars)).toString()).doesNotContain("hunter2").doesNotContain("s3cret")
                .contains("jdbc:postgresql://db:5432/threadguard?sslmode=require&password=***&sslpassword=***");
    }

    @Test
    void policyAndRejectReasonsComeFromTheEnvironment() {
        Map<String, String> vars = minimal();
        vars.put("POLICY_DUPLICATE", "publish-and-flag");
        vars.put("POLICY_OFF_TOPIC", "LOG_ONLY");
        vars.put("SINK_REJECT_REASONS", "Spam | Rude|  ");

        SinkConfig config = SinkConfig.fromEnv(new Env(vars));

        assertThat(config.policy().of(Flag.DUPLICATE)).isEqualTo(FlagPolicy.PUBLISH_AND_FLAG);
        assertThat(config.policy().of(Flag.OFF_TOPIC)).isEqualTo(FlagPolicy.LOG_ONLY);
        assertThat(config.policy().of(Flag.SUPPORT_REQUEST)).isEqualTo(FlagPolicy.HOLD);
        assertThat(config.rejectReasons()).containsExactly("Spam", "Rude");
        assertThat(SinkConfig.fromEnv(new Env(minimal())).rejectReasons()).isEqualTo(SinkConfig.DEFAULT_REJECT_REASONS);
    }

    @Test
    void anUnknownPolicyNamesTheVariableAndTheChoices() {
        Map<String, String> vars = minimal();
        vars.put("POLICY_SUPPORT_REQUEST", "ignore");

        assertThatThrownBy(() -> SinkConfig.fromEnv(new Env(vars)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("POLICY_SUPPORT_REQUEST")
                .hasMessageContaining("hold | publish-and-flag | log-only")
                .hasMessageContaining("'ignore'");
    }

    @Test
    void rejectReasonsMustNotBeEmpty() {
        Map<String, String> vars = minimal();
        vars.put("SINK_REJECT_REASONS", " | ");

        assertThatThrownBy(() -> SinkConfig.fromEnv(new Env(vars))).hasMessageContaining("SINK_REJECT_REASONS");
    }
}
