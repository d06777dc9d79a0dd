package dev.threadguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded servers of one data folder, started again on it: the broker keeps its cluster id, topics
 * and port, the database its rows and port; the database can be stopped and started while the folder is
 * held (what the fault harness does to simulate an outage).
 */
class LastingServersIT {
    private static Path dir;

    @BeforeAll
    static void folder() throws Exception {
        dir = Files.createTempDirectory("lasting-servers-it");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        EmbeddedDatabase.stopOrphanedPostmaster(dir.resolve("postgres"));
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void topicsRowsClusterIdAndPortsSurviveARestartOnTheSameFolder() throws Exception {
        String clusterId;
        int kafkaPort;
        int databasePort;
        try (DataFolder folder = DataFolder.lock(dir, "test");
             EmbeddedServers servers = EmbeddedServers.start(folder, EmbeddedServers.Plan.both(0, 0))) {
            try (Admin admin = admin(servers)) {
                admin.createTopics(List.of(new NewTopic("lasting", 1, (short) 1))).all().get();
                clusterId = admin.describeCluster().clusterId().get();
            }
            sql(servers, "create table lasting (v text)");
            sql(servers, "insert into lasting values ('kept')");
            kafkaPort = Integer.parseInt(servers.kafka().bootstrapServers().split(":")[1]);
            databasePort = servers.database().port();
            assertThat(Files.readString(folder.serversEnv())).contains("KAFKA_BOOTSTRAP_SERVERS='127.0.0.1:" + kafkaPort + "'");
        }
        assertThat(dir.resolve("servers.env")).doesNotExist();

        try (DataFolder folder = DataFolder.lock(dir, "test");
             EmbeddedServers servers = EmbeddedServers.start(folder, EmbeddedServers.Plan.both(0, 0))) {
            assertThat(servers.kafka().bootstrapServers()).isEqualTo("127.0.0.1:" + kafkaPort);
            assertThat(servers.database().port()).isEqualTo(databasePort);
            try (Admin admin = admin(servers)) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
                assertThat(admin.listTopics().names().get()).contains("lasting");
            }
            assertThat(value(servers)).isEqualTo("kept");

            servers.database().stop();
            assertThat(servers.database().running()).isFalse();
            servers.database().restart();
            assertThat(value(servers)).isEqualTo("kept");
        }
    }

    private static Admin admin(EmbeddedServers servers) {
        return Admin.create(Map.of("bootstrap.servers", servers.kafka().bootstrapServers()));
    }

    private static void sql(EmbeddedServers servers, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(servers.database().jdbcUrl())) {
            c.createStatement().execute(statement);
        }
    }

    private static String value(EmbeddedServers servers) throws Exception {
        try (Connection c = DriverManager.getConnection(servers.database().jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery("select v from lasting")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
