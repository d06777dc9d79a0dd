package dev.threadguard.contract;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Setting;
import dev.threadguard.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every Kafka client of a Threadguard service authenticates to the brokers: the one place that reads
 * the {@code KAFKA_SECURITY_*} / {@code KAFKA_SASL_*} / {@code KAFKA_SSL_TRUSTSTORE_*} variables and
 * turns them into client properties. Each producer, consumer, admin client and Streams config the services
 * build goes through {@link #applyTo(Map)}.
 *
 * <ul>
 *   <li>{@code KAFKA_SECURITY_PROTOCOL}: {@code PLAINTEXT} (default), {@code SASL_PLAINTEXT} or {@code SASL_SSL}</li>
 *   <li>{@code KAFKA_SASL_MECHANISM}: {@code SCRAM-SHA-512} (default) or {@code SCRAM-SHA-256}</li>
 *   <li>{@code KAFKA_SASL_USERNAME}; {@code KAFKA_SASL_PASSWORD} or {@code KAFKA_SASL_PASSWORD_FILE} (a file
 *       holding only the password, e.g. a Docker secret; one trailing line break is dropped)</li>
 *   <li>with {@code SASL_SSL}, optionally {@code KAFKA_SSL_TRUSTSTORE_LOCATION} (a file),
 *       {@code KAFKA_SSL_TRUSTSTORE_TYPE} (JKS, PKCS12, PEM) and {@code KAFKA_SSL_TRUSTSTORE_PASSWORD};
 *       without a truststore the JVM's default CAs are trusted</li>
 * </ul>
 *
 * <p>The password never appears in {@link #toString()} or in any log line.
 *
 * @param protocol  how the clients connect
 * @param mechanism the SASL mechanism; empty with {@link Protocol#PLAINTEXT}
 * @param username  the SASL user; empty with {@link Protocol#PLAINTEXT}
 * @param password  the SASL password; empty with {@link Protocol#PLAINTEXT}
 * @param truststore where the CA certificates of the brokers are (SASL_SSL only)
 */
public record KafkaClientSecurity(
        Protocol protocol,
        Optional<Mechanism> mechanism,
        Optional<String> username,
        Optional<String> password,
        Optional<Truststore> truststore) {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClientSecurity.class);

    // The variables, declared in the setting catalogue; named here for messages.
    public static final String PROTOCOL_VARIABLE = Settings.KAFKA_SECURITY_PROTOCOL.name();
    public static final String MECHANISM_VARIABLE = Settings.KAFKA_SASL_MECHANISM.name();
    public static final String USERNAME_VARIABLE = Settings.KAFKA_SASL_USERNAME.name();
    public static final String PASSWORD_VARIABLE = Settings.KAFKA_SASL_PASSWORD.name();
    public static final String PASSWORD_FILE_VARIABLE = Settings.KAFKA_SASL_PASSWORD_FILE.name();
    public static final String TRUSTSTORE_LOCATION_VARIABLE = Settings.KAFKA_SSL_TRUSTSTORE_LOCATION.name();
    public static final String TRUSTSTORE_TYPE_VARIABLE = Settings.KAFKA_SSL_TRUSTSTORE_TYPE.name();
    public static final String TRUSTSTORE_PASSWORD_VARIABLE = Settings.KAFKA_SSL_TRUSTSTORE_PASSWORD.name();

    private static final KafkaClientSecurity PLAINTEXT =
            new KafkaClientSecurity(Protocol.PLAINTEXT, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    private static volatile KafkaClientSecurity processWide;

    /** Kafka's {@code security.protocol} values Threadguard supports. */
    public enum Protocol {
        PLAINTEXT, SASL_PLAINTEXT, SASL_SSL;

        boolean sasl() {
            return this != PLAINTEXT;
        }
    }

    /** SASL mechanisms, by their Kafka names; both use Kafka's {@code ScramLoginModule}. */
    public enum Mechanism {
        SCRAM_SHA_512("SCRAM-SHA-512"), SCRAM_SHA_256("SCRAM-SHA-256");

        private final String kafkaName;

        Mechanism(String kafkaName) {
            this.kafkaName = kafkaName;
        }

        public String kafkaName() {
            return kafkaName;
        }
    }

    /**
     * @param location a readable file
     * @param type     {@code JKS}, {@code PKCS12} or {@code PEM}; empty = Kafka's default (JKS)
     * @param password empty when the store has none (PEM)
     */
    public record Truststore(Path location, Optional<String> type, Optional<String> password) {
        @Override
        public String toString() {
            return "Truststore[location=" + location + ", type=" + type.orElse("default") + "]";
        }
    }

    public KafkaClientSecurity {
        if (protocol.sasl() && (mechanism.isEmpty() || username.isEmpty() || password.isEmpty())) {
            throw new ConfigException(protocol + " needs a SASL mechanism, user name and password");
        }
        if (truststore.isPresent() && protocol != Protocol.SASL_SSL) {
            throw new ConfigException(TRUSTSTORE_LOCATION_VARIABLE + " is set, but " + PROTOCOL_VARIABLE + " is " + protocol
                    + ": a truststore is only used with SASL_SSL");
        }
    }

    /** No authentication, no encryption: the embedded broker and a broker on a private network. */
    public static KafkaClientSecurity plaintext() {
        return PLAINTEXT;
    }

    /** SCRAM over {@code protocol} as {@code username}; for tests and tools that know the credentials. */
    public static KafkaClientSecurity scram(Protocol protocol, Mechanism mechanism, String username, String password) {
        return new KafkaClientSecurity(protocol, Optional.of(mechanism), Optional.of(username), Optional.of(password),
                Optional.empty());
    }

    /**
     * The security of this process's Kafka clients, read from the process environment once.
     *
     * @throws ConfigException when a variable is malformed (every call, so each service start reports it)
     */
    public static KafkaClientSecurity current() {
        KafkaClientSecurity known = processWide;
        if (known == null) {
            known = fromEnv(Env.system());
            processWide = known;
            if (known.protocol().sasl()) {
                LOG.info("Kafka clients authenticate as {}", known.describe());
            }
        }
        return known;
    }

    /** Reads and checks the variables; each error names the variable at fault. */
    public static KafkaClientSecurity fromEnv(Env env) {
        Protocol protocol = parse(env, Settings.KAFKA_SECURITY_PROTOCOL, Protocol.PLAINTEXT, Protocol.values(),
                Protocol::name);
        Optional<String> username = Settings.KAFKA_SASL_USERNAME.read(env);
        Optional<String> password = password(env);
        if (!protocol.sasl()) {
            for (Setting<Optional<String>> credential : List.of(Settings.KAFKA_SASL_USERNAME, Settings.KAFKA_SASL_PASSWORD,
                    Settings.KAFKA_SASL_PASSWORD_FILE, Settings.KAFKA_SASL_MECHANISM)) {
                if (credential.read(env).isPresent()) {
                    throw new ConfigException(credential.name() + " is set, but " + PROTOCOL_VARIABLE + " is PLAINTEXT"
                            + (Settings.KAFKA_SECURITY_PROTOCOL.read(env).isEmpty() ? " (the default)" : "")
                            + ", which sends no credentials: set " + PROTOCOL_VARIABLE + " to SASL_PLAINTEXT or SASL_SSL");
                }
            }
            return new KafkaClientSecurity(protocol, Optional.empty(), Optional.empty(), Optional.empty(), truststore(env));
        }
        Mechanism mechanism = parse(env, Settings.KAFKA_SASL_MECHANISM, Mechanism.SCRAM_SHA_512, Mechanism.values(),
                Mechanism::kafkaName);
        if (username.isEmpty()) {
            throw new ConfigException(USERNAME_VARIABLE + " is not set: " + PROTOCOL_VARIABLE + "=" + protocol
                    + " needs the SASL user this service logs in as");
        }
        if (password.isEmpty()) {
            throw new ConfigException(PASSWORD_VARIABLE + " (or " + PASSWORD_FILE_VARIABLE + ") is not set: "
                    + PROTOCOL_VARIABLE + "=" + protocol + " needs the password of the SASL user " + username.get());
        }
        return new KafkaClientSecurity(protocol, Optional.of(mechanism), username, password, truststore(env));
    }

    /**
     * The client properties ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, the
     * truststore's), for any producer, consumer, admin client or Kafka Streams config.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name());
        if (protocol.sasl()) {
            props.put(SaslConfigs.SASL_MECHANISM, mechanism.orElseThrow().kafkaName());
            props.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"" + jaasEscape(username.orElseThrow()) + "\""
                    + " password=\"" + jaasEscape(password.orElseThrow()) + "\";");
        }
        truststore.ifPresent(t -> {
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, t.location().toString());
            t.type().ifPresent(type -> props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, type));
            t.password().ifPresent(p -> props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, p));
        });
        return props;
    }

    /** Adds {@link #clientProperties()} to a client config (a {@link java.util.Properties} or a map); returns it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <M extends Map<?, ?>> M applyTo(M config) {
        ((Map) config).putAll(clientProperties());
        return config;
    }

    /** For logs: the protocol, mechanism and user, never the password. */
    public String describe() {
        return protocol.sasl()
                ? "'" + username.orElseThrow() + "' with " + mechanism.orElseThrow().kafkaName() + " over " + protocol
                        + truststore.map(t -> ", trusting " + t.location()).orElse("")
                : protocol.name();
    }

    @Override
    public String toString() {
        return "KafkaClientSecurity[" + describe() + "]";
    }

    private static Optional<String> password(Env env) {
        Optional<String> inline = Settings.KAFKA_SASL_PASSWORD.read(env);
        Optional<String> file = Settings.KAFKA_SASL_PASSWORD_FILE.read(env);
        if (inline.isPresent() && file.isPresent()) {
            throw new ConfigException("set only one of " + PASSWORD_VARIABLE + " and " + PASSWORD_FILE_VARIABLE);
        }
        if (file.isEmpty()) {
            return inline;
        }
        Path path = Path.of(file.get());
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(PASSWORD_FILE_VARIABLE + " names " + path + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        // Files written by editors and `echo` end with a line break that is not part of the password.
        String stripped = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        if (stripped.isEmpty()) {
            throw new ConfigException(PASSWORD_FILE_VARIABLE + " names " + path + ", which is empty");
        }
        return Optional.of(stripped);
    }

    private static Optional<Truststore> truststore(Env env) {
        Optional<String> location = Settings.KAFKA_SSL_TRUSTSTORE_LOCATION.read(env);
        if (location.isEmpty()) {
            for (Setting<Optional<String>> detail : List.of(Settings.KAFKA_SSL_TRUSTSTORE_TYPE,
                    Settings.KAFKA_SSL_TRUSTSTORE_PASSWORD)) {
                if (detail.read(env).isPresent()) {
                    throw new ConfigException(detail.name() + " is set without " + TRUSTSTORE_LOCATION_VARIABLE);
                }
            }
            return Optional.empty();
        }
        Path path = Path.of(location.get());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(TRUSTSTORE_LOCATION_VARIABLE + " names " + path + ", which is not a readable file");
        }
        Optional<String> type = Settings.KAFKA_SSL_TRUSTSTORE_TYPE.read(env).map(String::toUpperCase);
        if (type.isPresent() && !Arrays.asList("JKS", "PKCS12", "PEM").contains(type.get())) {
            throw new ConfigException(TRUSTSTORE_TYPE_VARIABLE + " must be JKS, PKCS12 or PEM, got '" + type.get() + "'");
        }
        return Optional.of(new Truststore(path, type, Settings.KAFKA_SSL_TRUSTSTORE_PASSWORD.read(env)));
    }

    private static <E> E parse(Env env, Setting<Optional<String>> variable, E defaultValue, E[] values,
                               java.util.function.Function<E, String> name) {
        Optional<String> raw = variable.read(env);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        for (E value : values) {
            if (name.apply(value).equalsIgnoreCase(raw.get())) {
                return value;
            }
        }
        throw new ConfigException(variable.name() + " must be one of "
                + String.join(", ", Arrays.stream(values).map(name).toList()) + ", got '" + raw.get() + "'");
    }

    /** JAAS option values are double-quoted; a quote or backslash in a password must not end the value. */
    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
