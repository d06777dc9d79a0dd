package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.config.Env;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.SampleThread;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.EmbeddedDatabase;
import dev.threadguard.embedded.MetricsScrape;
import dev.threadguard.sink.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code threadguard up} as a user runs it, in its own JVM on one data folder: the sample thread, a
 * moderator's decision and a user added with {@code threadguard users} survive a kill -9 and a clean stop, the
 * restarted pipeline judges nothing twice, and a second {@code up} on the folder is refused with a message that
 * names it. The moderator view of the thread is read logged in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpRestartIT {
    private static final List<Event> SAMPLE = SampleThread.events();
    private static final String ARTICLE = SAMPLE.get(0).articleId();
    private static final int COMMENTS = (int) SAMPLE.stream().filter(Comment.class::isInstance).count();
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration STORED = Duration.ofMinutes(3);

    private static Path dataDir;
    private static UpProcess up;
    /** Each comment's status once the decision is applied: what every restart must find again. */
    private static Map<String, String> statuses;
    private static final String MODERATOR = "rita";
    private static final String MODERATOR_PASSWORD = "rita-password-" + Instant.now().toEpochMilli();

    @BeforeAll
    static void startUp() throws Exception {
        dataDir = Files.createTempDirectory("up-restart-it");
        up = UpProcess.start(dataDir, "first").awaitUp(START);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (up != null) {
            up.close();
        }
        // A failed test may leave the PostgreSQL of a killed process behind: never leak it.
        EmbeddedDatabase.stopOrphanedPostmaster(dataDir.resolve("postgres"));
        WorkDir.delete(dataDir);
    }

    @Test
    @Order(1)
    void storesTheSampleThreadAndAModeratorsDecision() throws Exception {
        ThreadClient client = new ThreadClient(up.ingestUrl(), up.sinkUrl(), UpProcess.SITE_KEY);
        client.logIn("admin", UpProcess.ADMIN_PASSWORD);
        // As an operator adds people beside a running up: no DATABASE_URL, the data folder's servers.env.
        UsersCommand.withUsers(new Env(Map.of("THREADGUARD_DATA_DIR", dataDir.toString())),
                users -> users.add(MODERATOR, Role.MODERATOR, MODERATOR_PASSWORD));
        client.publish(SAMPLE);
        client.awaitThread(ARTICLE, COMMENTS, STORED);
        assertThat(status(client, "c-02")).isEqualTo("HELD");

        approve("c-02", up.bootstrapServers());

        Awaitility.await().atMost(STORED).pollInterval(Duration.ofMillis(500))
                .until(() -> status(client, "c-02").equals("APPROVED"));
        statuses = statuses(client);
        assertThat(statuses).hasSize(COMMENTS).containsValue("HELD");
    }

    @Test
    @Order(2)
    void aSecondUpOnTheSameFolderIsRefusedWithAMessageThatNamesIt() throws Exception {
        UpProcess second = UpProcess.start(dataDir, "second");
        try {
            assertThat(second.awaitExit(Duration.ofMinutes(2))).isEqualTo(2);
            assertThat(second.output())
                    .contains("the data folder " + dataDir.toAbsolutePath().normalize() + " is in use by another Threadguard")
                    .contains("pid " + up.pid())
                    .contains("THREADGUARD_DATA_DIR");
        } finally {
            second.close();
        }
    }

    @Test
    @Order(3)
    void afterAKill9TheThreadAndTheDecisionAreThereAndNothingIsJudgedTwice() throws Exception {
        up.kill();
        up = UpProcess.start(dataDir, "after-kill").awaitUp(START);

        assertEverythingIsStillThere();
    }

    @Test
    @Order(4)
    void afterACleanStopTheSameHolds() throws Exception {
        // 143: the JVM ends with SIGTERM's status once its shutdown hooks have run (systemd: SuccessExitStatus=143).
        assertThat(up.stop(Duration.ofMinutes(2))).isIn(0, 143);
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).as("PostgreSQL stopped with up").doesNotExist();

        up = UpProcess.start(dataDir, "after-stop").awaitUp(START);

        assertEverythingIsStillThere();
    }

    /** The thread with its statuses as before; a new comment is stored; it is the only one judged. */
    private static void assertEverythingIsStillThere() throws Exception {
        ThreadClient client = new ThreadClient(up.ingestUrl(), up.sinkUrl(), UpProcess.SITE_KEY);
        // The user added before the restart logs in: users are kept like everything else.
        client.logIn(MODERATOR, MODERATOR_PASSWORD);
        JsonNode thread = client.thread(ARTICLE).orElseThrow();
        assertThat(statuses(client)).containsAllEntriesOf(statuses);
        int before = thread.path("commentCount").asInt();

        String markerId = "marker-" + Instant.now().toEpochMilli();
        client.publish(List.of(new Comment(markerId, ARTICLE, null, "tester", null,
                "Running Skype on Azure shows the platform can carry a service of that size.", null)));
        client.awaitThread(ARTICLE, before + 1, STORED);

        // Offsets and state were kept: the restarted moderation judged the new comment and nothing else.
        MetricsScrape moderation = scrape(moderationUrl());
        assertThat(moderation.value("threadguard_moderation_comments_total")).isEqualTo(1);
        assertThat(client.thread(ARTICLE).orElseThrow().path("commentCount").asInt()).isEqualTo(before + 1);
    }

    private static String moderationUrl() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Moderation health, metrics\\s+(http://\\S+)/metrics")
                .matcher(up.output());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static void approve(String commentId, String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        Decision decision = new Decision("up-restart-it-" + commentId, commentId, ARTICLE, DecisionAction.APPROVE, null,
                "Restart Tester", Instant.now());
        try (KafkaProducer<String, Decision> producer = new KafkaProducer<>(p,
                Topics.DECISIONS.keySerde().serializer(), Topics.DECISIONS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), commentId, decision)).get();
        }
    }

    private static String status(ThreadClient client, String commentId) throws Exception {
        return statuses(client).getOrDefault(commentId, "MISSING");
    }

    private static Map<String, String> statuses(ThreadClient client) throws Exception {
        Map<String, JsonNode> byId = new HashMap<>();
        collect(client.thread(ARTICLE).orElseThrow().path("comments"), byId);
        Map<String, String> out = new HashMap<>();
        byId.forEach((id, c) -> out.put(id, c.path("status").asText()));
        return out;
    }

    private static void collect(JsonNode comments, Map<String, JsonNode> into) {
        for (JsonNode c : comments) {
            into.put(c.path("commentId").asText(), c);
            collect(c.path("replies"), into);
        }
    }

    private static MetricsScrape scrape(String serviceUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(serviceUrl + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new MetricsScrape(response.body());
    }
}
