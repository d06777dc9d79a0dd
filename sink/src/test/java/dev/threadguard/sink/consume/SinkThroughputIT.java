package dev.threadguard.sink.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.contract.Verdict;
import dev.threadguard.metrics.ServiceMetrics;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.TestKafka;
import dev.threadguard.sink.metrics.SinkMetrics;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.CommentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The sink alone, measured: N moderated comments produced to {@code comments.moderated} on the embedded broker
 * first, then a sink consumer started on a fresh database, timed until all N are rows. A report, not a timed test:
 * it asserts only that every comment arrives; the figures go to stdout and {@code target/sink-throughput.txt}.
 *
 * <p>{@code -Dsink.throughput.comments=50000} for a real measurement (the suite's default is small);
 * {@code -Dsink.throughput.batch=RECORDS:WAIT_MS,...} runs one pass per batching (fresh database and group each).
 */
class SinkThroughputIT {
    private static final int COMMENTS = Integer.getInteger("sink.throughput.comments", 2_000);
    private static final int ARTICLES = 200;
    private static final String[] WORDS = ("the a update patch server windows azure skype login account price "
            + "review battery screen network driver support release version install crash slow fast good bad "
            + "company market users security privacy data cloud storage phone tablet laptop software hardware")
            .split(" ");

    @Test
    void measuresCommentsPerSecondIntoPostgres() throws Exception {
        String run = "tp" + UUID.randomUUID().toString().substring(0, 6);
        TopicSetup.ensureTopics(TestKafka.bootstrapServers(), 3, (short) 1);
        produce(run);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "sink throughput, %,d comments (%d articles, 20-80 words, 15%% flagged), "
                + "%d cores, load %s", COMMENTS, ARTICLES, Runtime.getRuntime().availableProcessors(), loadAverage()));
        for (Map.Entry<String, Batching> pass : passes().entrySet()) {
            lines.add(measure(run, pass.getKey(), pass.getValue()));
        }
        lines.forEach(System.out::println);
        Path report = Path.of("target", "sink-throughput.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
    }

    private static Map<String, Batching> passes() {
        Map<String, Batching> out = new LinkedHashMap<>();
        String spec = System.getProperty("sink.throughput.batch", "");
        if (spec.isBlank()) {
            out.put("default", Batching.DEFAULT);
            return out;
        }
        for (String one : spec.split(",")) {
            String[] parts = one.split(":");
            out.put(one, new Batching(Integer.parseInt(parts[0]), Duration.ofMillis(Long.parseLong(parts[1]))));
        }
        return out;
    }

    private static String measure(String run, String name, Batching batching) throws SQLException {
        FreshDatabase db = FreshDatabase.create("throughput");
        try (HikariDataSource pool = db.migratedPool(); ServiceMetrics serviceMetrics = ServiceMetrics.create("sink")) {
            SinkMetrics metrics = new SinkMetrics(serviceMetrics);
            CommentStore store = new CommentStore(pool, new ModerationPolicy(Map.of()), metrics);
            long start = System.nanoTime();
            try (SinkConsumer consumer = SinkConsumer.start(TestKafka.bootstrapServers(), run + "-" + UUID.randomUUID(),
                    Optional.empty(), store, metrics, batching)) {
                await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> count(pool, run) == COMMENTS);
            }
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            // From the first transaction's start to the last one's: without the group join and the first fetch.
            double spanSeconds = span(pool, run);
            assertThat(count(pool, run)).isEqualTo(COMMENTS);
            return String.format(Locale.ROOT, "  %-14s %,8.0f comments/s from consumer start (%.1f s), %,8.0f comments/s "
                    + "between the first and last transaction (%.1f s)", name, COMMENTS / wallSeconds, wallSeconds,
                    COMMENTS / spanSeconds, spanSeconds);
        }
    }

    /** N comments over ARTICLES articles (keyed by article, as the pipeline keys them), varied lengths and flags. */
    private static void produce(String run) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        Random random = new Random(42);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < COMMENTS; i++) {
                String articleId = run + "-a" + random.nextInt(ARTICLES);
                String commentId = run + "-c" + i;
                StringBuilder body = new StringBuilder();
                int words = 20 + random.nextInt(61);
                for (int w = 0; w < words; w++) {
                    body.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                }
                Set<Flag> flags = EnumSet.noneOf(Flag.class);
                int roll = random.nextInt(100);
                if (roll < 5) {
                    flags.add(Flag.DUPLICATE);
                } else if (roll < 10) {
                    flags.add(Flag.OFF_TOPIC);
                } else if (roll < 15) {
                    flags.add(Flag.SUPPORT_REQUEST);
                }
                Instant posted = t0.plusMillis(i * 10L);
                Comment comment = new Comment(commentId, articleId, null, "reader" + random.nextInt(5_000), null,
                        body.toString(), posted);
                Verdict verdict = new Verdict(commentId, articleId, flags,
                        flags.contains(Flag.DUPLICATE) ? run + "-c0" : null,
                        Map.of("duplicate", random.nextDouble(), "offTopic", random.nextDouble(), "supportRequest",
                                random.nextDouble()),
                        flags.stream().map(f -> "flagged " + f).toList(), "bench-1", posted.plusMillis(50));
                producer.send(new ProducerRecord<>(Topics.COMMENTS_MODERATED.name(), articleId,
                        Json.write(new ModeratedComment(comment, verdict))));
            }
            producer.flush();
        }
    }

    private static long count(HikariDataSource pool, String run) throws SQLException {
        try (Connection conn = pool.getConnection(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM comments WHERE article_id LIKE '" + run + "-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double span(HikariDataSource pool, String run) throws SQLException {
        try (Connection conn = pool.getConnection(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT extract(epoch FROM max(stored_at) - min(stored_at)) FROM comments"
                     + " WHERE article_id LIKE '" + run + "-%'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
