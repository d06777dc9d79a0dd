package dev.threadguard.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller roles in one node), running in
 * this JVM. Its storage is formatted as {@code kafka-storage.sh format --standalone} does, so it is the
 * same broker the official distribution runs, only without a separate process.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String IDENTITY_FILE = "embedded.properties";
    private static final String BROKER_PORT = "broker.port";
    private static final String CONTROLLER_PORT = "controller.port";

    private final Path dataDir;
    private final Properties props;
    private final int port;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, Properties props, int port) {
        this.dataDir = dataDir;
        this.props = props;
        this.port = port;
    }

    /**
     * Formats {@code dataDir} if it is new and starts the broker. A folder used before keeps its cluster id,
     * topics and committed offsets: it is formatted once, and its controller port (and, with port 0, the
     * client port) of the last run are taken again when they are free.
     *
     * @param port the client port on 127.0.0.1; 0 picks a free one (the last one used in this folder if free)
     */
    public static EmbeddedKafkaBroker start(int port, Path dataDir) {
        StoredIdentity identity = StoredIdentity.load(dataDir);
        int brokerPort = port != 0 ? port : identity.reusablePort(BROKER_PORT);
        int controllerPort = identity.reusablePort(CONTROLLER_PORT);
        Properties props = settings(brokerPort, controllerPort, dataDir.resolve("log"), Map.of());
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, props, brokerPort);
        broker.format(identity.clusterId());
        identity.save(brokerPort, controllerPort);
        broker.startServer();
        return broker;
    }

    /**
     * Like {@link #start(int, Path)}, but secured as docker-compose.yml runs Kafka: clients authenticate with
     * SCRAM-SHA-512 over SASL_PLAINTEXT on {@code port}; {@code StandardAuthorizer} with
     * {@code allow.everyone.if.no.acl.found=false} refuses whatever no ACL allows; {@code superUser} is a super
     * user whose SCRAM credential is written at format time ({@code kafka-storage format --add-scram}). The
     * controller and inter-broker listeners are PLAINTEXT on loopback ports, whose principal
     * ({@code User:ANONYMOUS}) is the broker itself. Other users and ACLs are created through an admin client
     * logged in as {@code superUser}.
     *
     * @param superUserPassword letters, digits and {@code _.~-} only (the format tool's syntax)
     */
    public static EmbeddedKafkaBroker startWithScram(int port, Path dataDir, String superUser, String superUserPassword) {
        if (!superUser.matches("[A-Za-z0-9_.~-]+") || !superUserPassword.matches("[A-Za-z0-9_.~-]+")) {
            throw new IllegalArgumentException("the super user's name and password may hold only letters, digits and _.~-");
        }
        int brokerPort = port == 0 ? FreePorts.pick() : port;
        int controllerPort = FreePorts.pick();
        int interBrokerPort = FreePorts.pick();
        Map<String, String> secured = new java.util.HashMap<>();
        secured.put("listeners", "CLIENT://127.0.0.1:" + brokerPort + ",BROKER://127.0.0.1:" + interBrokerPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        secured.put("advertised.listeners", "CLIENT://127.0.0.1:" + brokerPort + ",BROKER://127.0.0.1:" + interBrokerPort);
        secured.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT");
        secured.put("inter.broker.listener.name", "BROKER");
        secured.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        secured.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        secured.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        secured.put("allow.everyone.if.no.acl.found", "false");
        secured.put("super.users", "User:ANONYMOUS;User:" + superUser);
        Properties props = settings(brokerPort, controllerPort, dataDir.resolve("log"), secured);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, props, brokerPort);
        broker.format(Uuid.randomUuid().toString(), "--add-scram", "SCRAM-SHA-512=[name=" + superUser + ",password=" + superUserPassword + "]");
        broker.startServer();
        return broker;
    }

    static Properties settings(int brokerPort, int controllerPort, Path logDir, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        // A killed exactly-once producer's open transaction blocks read_committed readers until the broker aborts it:
        // checked every second instead of every 10 s, so a moderation takeover is not held up by the check
        // (StreamsTuning: transaction.timeout.ms; the scan is over the coordinator's in-memory transactions).
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.putAll(overrides);
        return p;
    }

    private void format(String clusterId, String... extraArgs) {
        Path logDir = dataDir.resolve("log");
        if (Files.exists(logDir.resolve("meta.properties"))) {
            LOG.debug("Kafka storage in {} is formatted already (cluster {})", logDir, clusterId);
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "embedded single-node KRaft broker");
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            String[] args = {
                "format", "-t", clusterId, "-c", config.toString(), "--standalone", "--ignore-formatted"
            };
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extraArgs))
                    .toArray(String[]::new);
            int rc = StorageTool.execute(args, new PrintStream(captured, true, StandardCharsets.UTF_8));
            String output = captured.toString(StandardCharsets.UTF_8).trim();
            if (rc != 0) {
                throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: " + output);
            }
            LOG.debug("kafka-storage format: {}", output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka storage in " + dataDir, e);
        }
    }

    private void startServer() {
        long started = System.nanoTime();
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        LOG.info("Kafka broker (KRaft, single node) listening on {} after {} ms, data in {}",
                bootstrapServers(), (System.nanoTime() - started) / 1_000_000, dataDir);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean running() {
        return server != null;
    }

    /** Stops the broker, keeping its data, as a broker restart would. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Kafka broker on {} stopped", bootstrapServers());
        }
    }

    /** Starts a stopped broker again on the same port with the same data. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * What a data folder remembers between runs ({@code embedded.properties}): the cluster id it was
     * formatted with and the ports of the last run.
     */
    private record StoredIdentity(Path file, Properties values) {
        static StoredIdentity load(Path dataDir) {
            Path file = dataDir.resolve(IDENTITY_FILE);
            Properties values = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    values.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
            // The formatted log is the truth: a folder formatted before this file existed keeps its id.
            Path meta = dataDir.resolve("log").resolve("meta.properties");
            if (Files.exists(meta)) {
                Properties formatted = new Properties();
                try (Reader in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                    formatted.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + meta, e);
                }
                values.setProperty("cluster.id", formatted.getProperty("cluster.id", ""));
            }
            if (values.getProperty("cluster.id", "").isBlank()) {
                values.setProperty("cluster.id", Uuid.randomUuid().toString());
            }
            return new StoredIdentity(file, values);
        }

        String clusterId() {
            return values.getProperty("cluster.id");
        }

        /** The port this folder used last time when it is free now, else any free port. */
        int reusablePort(String key) {
            try {
                int last = Integer.parseInt(values.getProperty(key, "0"));
                if (last > 0 && FreePorts.isReusable(last)) {
                    return last;
                }
            } catch (NumberFormatException e) {
                // a hand-edited file: pick a new port
            }
            return FreePorts.pick();
        }

        void save(int brokerPort, int controllerPort) {
            values.setProperty(BROKER_PORT, String.valueOf(brokerPort));
            values.setProperty(CONTROLLER_PORT, String.valueOf(controllerPort));
            try {
                Files.createDirectories(file.getParent());
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    values.store(out, "Kept between runs of the embedded broker; delete the folder to start afresh");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }
}
