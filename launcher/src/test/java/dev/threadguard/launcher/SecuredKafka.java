package dev.threadguard.launcher;

import static org.awaitility.Awaitility.await;

import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.contract.KafkaClientSecurity.Mechanism;
import dev.threadguard.contract.KafkaClientSecurity.Protocol;
import dev.threadguard.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The embedded broker secured as docker-compose.yml secures Kafka: SCRAM-SHA-512 logins, nothing allowed
 * without an ACL, the super user {@code admin} written at format time; then, as deploy/kafka/setup.sh does,
 * the users ingest, moderation, sink (and {@code nobody}, who has no ACL) and the ACLs of deploy/kafka/acls.txt.
 */
final class SecuredKafka implements AutoCloseable {
    static final String ADMIN = "admin";
    static final List<String> USERS = List.of("ingest", "moderation", "sink", "nobody");

    private final EmbeddedKafkaBroker broker;
    private final Map<String, String> passwords;
    private final Admin admin;

    private SecuredKafka(EmbeddedKafkaBroker broker, Map<String, String> passwords) {
        this.broker = broker;
        this.passwords = passwords;
        this.admin = Admin.create(client(ADMIN, new Properties()));
    }

    static SecuredKafka start(Path dataDir) throws Exception {
        Map<String, String> passwords = new HashMap<>();
        passwords.put(ADMIN, "admin-" + UUID.randomUUID());
        USERS.forEach(user -> passwords.put(user, user + "-" + UUID.randomUUID()));
        SecuredKafka kafka = new SecuredKafka(
                EmbeddedKafkaBroker.startWithScram(0, dataDir, ADMIN, passwords.get(ADMIN)), passwords);
        try {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (String user : USERS) {
                users.add(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), passwords.get(user)));
            }
            kafka.admin.alterUserScramCredentials(users).all().get();
            kafka.admin.createAcls(AclFile.read(AclFile.DEPLOYED)).all().get();
            // Credentials and ACLs reach the broker through the metadata log: wait until a user can log in.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (Admin asIngest = Admin.create(kafka.client("ingest", new Properties()))) {
                    return !asIngest.describeCluster().clusterId().get().isBlank();
                }
            });
            return kafka;
        } catch (Exception | AssertionError e) {
            kafka.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String password(String user) {
        return passwords.get(user);
    }

    /** The super user's admin client. */
    Admin admin() {
        return admin;
    }

    /** How {@code user} logs in, as a service configured with the KAFKA_SASL_* variables would. */
    KafkaClientSecurity security(String user) {
        return KafkaClientSecurity.scram(Protocol.SASL_PLAINTEXT, Mechanism.SCRAM_SHA_512, user, passwords.get(user));
    }

    /** {@code props} with the brokers, short timeouts and {@code user}'s login. */
    Properties client(String user, Properties props) {
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return security(user).applyTo(props);
    }

    /** The environment a service process needs to log in as {@code user}. */
    Map<String, String> serviceEnv(String user) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME", user,
                "KAFKA_SASL_PASSWORD", passwords.get(user));
    }

    @Override
    public void close() {
        admin.close();
        broker.close();
    }
}
