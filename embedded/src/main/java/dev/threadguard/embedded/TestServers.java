package dev.threadguard.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

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
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, Files.createTempDirectory("threadguard-test-kafka"));
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-shutdown"));
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
