package dev.threadguard.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSecurityTest {

    @Test
    void noVariablesMeansPlaintext() {
        KafkaClientSecurity security = KafkaClientSecurity.fromEnv(new Env(Map.of()));

        assertThat(security).isEqualTo(KafkaClientSecurity.plaintext());
        assertThat(security.clientProperties()).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslDefaultsToScramSha512AndLogsInWithTheGivenCredentials() {
        KafkaClientSecurity security = KafkaClientSecurity.fromEnv(new Env(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_USERNAME", "ingest",
                "KAFKA_SASL_PASSWORD", "s3cret")));

        Map<String, Object> props = security.clientProperties();
        assertThat(props).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(loginOptions(props)).containsEntry("username", "ingest").containsEntry("password", "s3cret");
        assertThat(loginModule(props)).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
    }

    @Test
    void quotesAndBackslashesInAPasswordSurviveTheJaasSyntax() {
        String password = "a\"b\\c; d=e";
        KafkaClientSecurity security = KafkaClientSecurity.scram(KafkaClientSecurity.Protocol.SASL_PLAINTEXT,
                KafkaClientSecurity.Mechanism.SCRAM_SHA_256, "mod\"erator", password);

        Map<String, Object> props = security.clientProperties();
        assertThat(props).containsEntry("sasl.mechanism", "SCRAM-SHA-256");
        assertThat(loginOptions(props)).containsEntry("username", "mod\"erator").containsEntry("password", password);
    }

    @Test
    void readsThePasswordFromAFileWithoutItsTrailingLineBreak(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("kafka-password");
        Files.writeString(secret, "from-a-secret\n");

        KafkaClientSecurity security = KafkaClientSecurity.fromEnv(new Env(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "KAFKA_SASL_USERNAME", "sink",
                "KAFKA_SASL_PASSWORD_FILE", secret.toString())));

        assertThat(security.protocol()).isEqualTo(KafkaClientSecurity.Protocol.SASL_SSL);
        assertThat(loginOptions(security.clientProperties())).containsEntry("password", "from-a-secret");
    }

    @Test
    void addsTheTruststoreForSaslSsl(@TempDir Path dir) throws Exception {
        Path store = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        Map<String, Object> props = KafkaClientSecurity.fromEnv(new Env(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "sink", "KAFKA_SASL_PASSWORD", "p",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", store.toString(), "KAFKA_SSL_TRUSTSTORE_TYPE", "pem"))).clientProperties();

        assertThat(props).containsEntry("ssl.truststore.location", store.toString())
                .containsEntry("ssl.truststore.type", "PEM")
                .doesNotContainKey("ssl.truststore.password");
    }

    @Test
    void applyToMergesIntoAClientConfigAndKeepsItsOtherSettings() {
        Properties props = new Properties();
        props.put("bootstrap.servers", "kafka:9092");

        Properties returned = KafkaClientSecurity.scram(KafkaClientSecurity.Protocol.SASL_PLAINTEXT,
                KafkaClientSecurity.Mechanism.SCRAM_SHA_512, "sink", "p").applyTo(props);

        assertThat(returned).isSameAs(props);
        assertThat(props).containsEntry("bootstrap.servers", "kafka:9092").containsKeys("sasl.jaas.config", "sasl.mechanism");
    }

    @Test
    void neverShowsThePassword() {
        KafkaClientSecurity security = KafkaClientSecurity.scram(KafkaClientSecurity.Protocol.SASL_PLAINTEXT,
                KafkaClientSecurity.Mechanism.SCRAM_SHA_512, "moderation", "do-not-print-me");

        assertThat(security.toString()).contains("moderation", "SCRAM-SHA-512", "SASL_PLAINTEXT").doesNotContain("do-not-print-me");
        assertThat(security.describe()).doesNotContain("do-not-print-me");
    }

    @Test
    void eachMistakeNamesTheVariableAtFault(@TempDir Path dir) {
        assertRejected(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL"), "KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SASL_PLAINTEXT, SASL_SSL");
        assertRejected(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_PASSWORD", "p"), "KAFKA_SASL_USERNAME is not set");
        assertRejected(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_USERNAME", "u"), "KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) is not set");
        assertRejected(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p",
                "KAFKA_SASL_MECHANISM", "PLAIN"), "KAFKA_SASL_MECHANISM must be one of SCRAM-SHA-512, SCRAM-SHA-256, got 'PLAIN'");
        // Credentials without a SASL protocol would silently connect without them.
        assertRejected(Map.of("KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p"),
                "KAFKA_SASL_USERNAME is set, but KAFKA_SECURITY_PROTOCOL is PLAINTEXT (the default)");
        assertRejected(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p",
                "KAFKA_SASL_PASSWORD_FILE", "/run/secrets/p"), "set only one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE");
        assertRejected(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD_FILE", dir.resolve("missing").toString()), "KAFKA_SASL_PASSWORD_FILE names");
        assertRejected(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", dir.resolve("missing.jks").toString()), "KAFKA_SSL_TRUSTSTORE_LOCATION names");
        assertRejected(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit"), "KAFKA_SSL_TRUSTSTORE_PASSWORD is set without KAFKA_SSL_TRUSTSTORE_LOCATION");
    }

    @Test
    void aTruststoreNeedsSaslSsl(@TempDir Path dir) throws Exception {
        Path store = Files.writeString(dir.resolve("ca.jks"), "x");
        assertRejected(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", store.toString()), "a truststore is only used with SASL_SSL");
    }

    @Test
    void anErrorNeverQuotesThePassword() {
        assertThatThrownBy(() -> KafkaClientSecurity.fromEnv(new Env(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "hunter2",
                "KAFKA_SASL_MECHANISM", "MD5"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("hunter2");
    }

    private static void assertRejected(Map<String, String> vars, String message) {
        assertThatThrownBy(() -> KafkaClientSecurity.fromEnv(new Env(new HashMap<>(vars))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    /** Parsed by Kafka's own JAAS parser, as the client does. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> loginOptions(Map<String, Object> props) {
        return (Map<String, Object>) entry(props).getOptions();
    }

    private static String loginModule(Map<String, Object> props) {
        return entry(props).getLoginModuleName();
    }

    private static AppConfigurationEntry entry(Map<String, Object> props) {
        JaasContext context = JaasContext.loadClientContext(Map.of("sasl.jaas.config",
                new Password((String) props.get("sasl.jaas.config"))));
        assertThat(context.configurationEntries()).hasSize(1);
        return context.configurationEntries().get(0);
    }
}
