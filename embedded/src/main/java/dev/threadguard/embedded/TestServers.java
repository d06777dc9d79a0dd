package dev.threadguard.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The servers integration tests share: one real Kafka broker and one real PostgreSQL per test JVM,
 * started on first use and stopped when the JVM exits. Tests isolate themselves by unique topic
 * names, group ids, application ids and schemas, not by new servers.
 */
public final class TestServers {
    private TestServers() {
    }

    public static EmbeddedKafkaBroker kafka() {
        return KafkaHolder.BROKER;
    }

    public static EmbeddedDatabase database() {
        return DatabaseHolder.DATABASE;
    }

    // Initialization-on-demand holders: started once, lazily, thread-safe, and never reassigned.
    private static final class KafkaHolder {
        static final EmbeddedKafkaBroker BROKER = startKafka();

        private static EmbeddedKafkaBroker startKafka() {
            try {
                Path dir = Files.createTempDirectory("threadguard-test-kafka");
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    broker.close();
                    deleteQuietly(dir);
                }, "test-kafka-shutdown"));
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Best effort: a test JVM that leaves its broker's log segments behind fills /tmp over many runs. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Nothing to do at JVM exit: the OS cleans temporary directories eventually.
        }
    }

    private static final class DatabaseHolder {
        static final EmbeddedDatabase DATABASE = startDatabase();

        private static EmbeddedDatabase startDatabase() {
            EmbeddedDatabase db = EmbeddedDatabase.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "test-postgres-shutdown"));
            return db;
        }
    }
}
