package dev.threadguard.sink.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.metrics.ServiceMetrics;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.Samples;
import dev.threadguard.sink.TestKafka;
import dev.threadguard.sink.metrics.SinkMetrics;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.CommentStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batched sink against the real broker and PostgreSQL: a stream of articles, verdicts (one revised by a detector
 * re-run, one provisional then revised, one only provisional), decisions (some read before their comment) and a
 * poison record, stored by a consumer in batches; then the same topics
 * replayed into the same database (nothing may change) and read from the beginning into a fresh one (the same
 * state, bar the sink's own clock times).
 */
class BatchedSinkIT {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final List<String> TOPICS = List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(),
            Topics.DECISIONS.name());
    private static final Batching SMALL_BATCHES = new Batching(50, Duration.ofMillis(30));

    @BeforeAll
    static void topics() {
        TopicSetup.ensureTopics(TestKafka.bootstrapServers(), 3, (short) 1);
    }

    @Test
    void batchesStoreEverythingOnceAndAReplayOrARebuildEndsInTheSameState() throws Exception {
        String run = "b" + UUID.randomUUID().toString().substring(0, 8);
        String article = run + "-a";
        int comments = 300;
        try (TestKafka kafka = new TestKafka()) {
            kafka.send(Topics.ARTICLES.name(), article, Json.write(Samples.article(article, "Batched")));
            // Decisions read before their comment: the second is the latest approve/reject and wins.
            decide(kafka, run + "-d-early-1", run + "-c7", DecisionAction.APPROVE);
            decide(kafka, run + "-d-early-2", run + "-c7", DecisionAction.REJECT);
            // Provisional verdicts (off topic, awaiting the second opinion): p1's is revised at the end, p2's never.
            verdict(kafka, Samples.awaitingOffTopic(Samples.moderated(article, run + "-p1", null,
                    Samples.T0.plusSeconds(1_000), Set.of(Flag.OFF_TOPIC), null)));
            verdict(kafka, Samples.awaitingOffTopic(Samples.moderated(article, run + "-p2", null,
                    Samples.T0.plusSeconds(1_001), Set.of(Flag.OFF_TOPIC), null)));
            for (int i = 0; i < comments; i++) {
                Set<Flag> flags = i % 3 == 0 ? Set.of(Flag.DUPLICATE) : i % 5 == 0 ? Set.of(Flag.OFF_TOPIC) : Set.of();
                verdict(kafka, Samples.moderated(article, run + "-c" + i, null, Samples.T0.plusSeconds(i), flags,
                        flags.contains(Flag.DUPLICATE) ? run + "-c1" : null));
                if (i == 150) {
                    // A poison record in the middle of a batch: dead-lettered, the rest of the batch stored.
                    kafka.send(Topics.COMMENTS_MODERATED.name(), article, "{\"comment\": 42}");
                }
            }
            // A revised verdict (a detector re-run) drops c3's flag; a moderator dismisses c6's duplicate flag.
            verdict(kafka, Samples.moderated(article, run + "-c3", null, Samples.T0.plusSeconds(3), Set.of(), null));
            decide(kafka, run + "-d-fix", run + "-c6", DecisionAction.NOT_DUPLICATE);
            decide(kafka, run + "-d-ok", run + "-c9", DecisionAction.APPROVE);
            verdict(kafka, Samples.moderated(article, run + "-p1", null, Samples.T0.plusSeconds(1_000), Set.of(), null));
        }

        FreshDatabase live = FreshDatabase.create("batched_live");
        try (HikariDataSource pool = live.migratedPool()) {
            String group = run + "-live";
            consumeAll(pool, group);
            assertThat(count(pool, "SELECT count(*) FROM comments WHERE article_id = ?", article)).isEqualTo(comments + 2);
            assertThat(rows(pool, "SELECT (flags, awaiting)::text FROM comments WHERE comment_id = ?", run + "-p1"))
                    .containsExactly("({},{})");
            assertThat(rows(pool, "SELECT (flags, awaiting)::text FROM comments WHERE comment_id = ?", run + "-p2"))
                    .containsExactly("({OFF_TOPIC},{OFF_TOPIC})");
            assertThat(status(pool, run + "-c7")).isEqualTo("REJECTED");
            assertThat(status(pool, run + "-c3")).isEqualTo("PUBLISHED");
            assertThat(status(pool, run + "-c6")).isEqualTo("PUBLISHED");
            assertThat(status(pool, run + "-c9")).isEqualTo("APPROVED");
            assertThat(status(pool, run + "-c0")).isEqualTo("HELD");
            assertThat(count(pool, "SELECT count(*) FROM audit WHERE article_id = ?", article)).isEqualTo(4);
            assertThat(count(pool, "SELECT count(*) FROM labels WHERE article_id = ?", article)).isEqualTo(1);
            assertThat(TestKafka.deadLetters().stream()
                    .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(article))
                    .map(r -> TestKafka.header(r, DeadLetter.SOURCE_TOPIC)).toList())
                    .containsExactly(Topics.COMMENTS_MODERATED.name());
            Map<String, List<String>> before = snapshot(pool, article, true);

            // Everything once more into the same database (another group reads from the beginning): p1's provisional
            // verdict, read again, must not come back, nor touch its row (updated_at included).
            consumeAll(pool, run + "-replay");
            assertThat(snapshot(pool, article, true)).isEqualTo(before);

            FreshDatabase fresh = FreshDatabase.create("batched_rebuilt");
            try (HikariDataSource rebuilt = fresh.migratedPool()) {
                consumeAll(rebuilt, run + "-rebuild");
                assertThat(snapshot(rebuilt, article, false)).isEqualTo(snapshot(pool, article, false));
            }
        }
    }

    /**
     * A lone verdict is stored at once, not after the batch's fill time: with a fill of 10 s, the old fill (poll on
     * until the batch is full or the time is up) stored it after 10 s.
     */
    @Test
    void aLoneVerdictIsStoredWithoutWaitingForTheBatchToFill() throws Exception {
        String run = "t" + UUID.randomUUID().toString().substring(0, 8);
        String article = run + "-a";
        try (TestKafka kafka = new TestKafka()) {
            kafka.send(Topics.ARTICLES.name(), article, Json.write(Samples.article(article, "Trickle")));
            verdict(kafka, Samples.moderated(article, run + "-c0", null, Samples.T0, Set.of(), null));
        }
        FreshDatabase db = FreshDatabase.create("batched_trickle");
        try (HikariDataSource pool = db.migratedPool(); ServiceMetrics serviceMetrics = ServiceMetrics.create("sink")) {
            SinkMetrics metrics = new SinkMetrics(serviceMetrics);
            CommentStore store = new CommentStore(pool, new ModerationPolicy(Map.of()), metrics);
            Batching longFill = new Batching(500, Duration.ofSeconds(10));
            try (SinkConsumer consumer = SinkConsumer.start(TestKafka.bootstrapServers(), run + "-trickle",
                    Optional.empty(), store, metrics, longFill)) {
                // Caught up with everything earlier tests left in the topics, this one's first verdict included.
                await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                        .until(() -> rows(pool, "SELECT comment_id FROM comments WHERE comment_id = ?", run + "-c0")
                                .size() == 1);
                try (TestKafka kafka = new TestKafka()) {
                    verdict(kafka, Samples.moderated(article, run + "-c1", null, Samples.T0.plusSeconds(1), Set.of(),
                            null));
                }
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> rows(pool, "SELECT comment_id FROM comments WHERE comment_id = ?", run + "-c1")
                                .size() == 1);
            }
        }
    }

    private static void verdict(TestKafka kafka, ModeratedComment mc) {
        kafka.send(Topics.COMMENTS_MODERATED.name(), mc.comment().articleId(), Json.write(mc));
    }

    private static void decide(TestKafka kafka, String decisionId, String commentId, DecisionAction action) {
        Decision d = new Decision(decisionId, commentId, commentId.substring(0, commentId.lastIndexOf('-')) + "-a",
                action, action == DecisionAction.REJECT ? "Spam" : null, "Ada", Instant.parse("2026-02-01T10:00:00Z"));
        kafka.send(Topics.DECISIONS.name(), commentId, Json.write(d));
    }

    /** A sink consumer of its own group, from the beginning of the topics until its committed offsets reach their end. */
    private static void consumeAll(HikariDataSource pool, String group) throws Exception {
        try (ServiceMetrics serviceMetrics = ServiceMetrics.create("sink")) {
            SinkMetrics metrics = new SinkMetrics(serviceMetrics);
            CommentStore store = new CommentStore(pool, new ModerationPolicy(Map.of()), metrics);
            Map<TopicPartition, Long> ends = endOffsets();
            try (SinkConsumer consumer = SinkConsumer.start(TestKafka.bootstrapServers(), group, Optional.empty(), store,
                    metrics, SMALL_BATCHES)) {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> committedReach(group, ends));
            }
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            admin.describeTopics(TOPICS).allTopicNames().get().forEach((topic, description) -> description.partitions()
                    .forEach(p -> wanted.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(wanted).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** Offsets are committed after the batch is stored: once they reach the end, everything up to it is stored. */
    private static boolean committedReach(String group, Map<TopicPartition, Long> ends) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
        }
    }

    /**
     * Every row the sink holds about the article, as text. With {@code withClockTimes} false, the times the sink
     * takes from its own clock (when it stored or updated a row, and the queue waits measured from them) are left
     * out: a rebuild happens later.
     */
    private static Map<String, List<String>> snapshot(HikariDataSource pool, String article, boolean withClockTimes)
            throws SQLException {
        String commentColumns = withClockTimes ? "c::text" : """
                (c.comment_id, c.article_id, c.parent_id, c.author, c.title, c.body, c.posted_at, c.flags,
                 c.duplicate_of, c.scores, c.reasons, c.detector_version, c.judged_at, c.source_partition,
                 c.source_offset, c.status, c.queue_flags, c.teams, c.dismissed_flags, c.decision,
                 c.decision_reason, c.decided_by, c.decided_at, c.awaiting)::text""";
        Map<String, List<String>> out = new HashMap<>();
        out.put("comments", rows(pool, "SELECT " + commentColumns + " FROM comments c WHERE article_id = ? "
                + "ORDER BY comment_id", article));
        out.put("articles", rows(pool, "SELECT " + (withClockTimes ? "a::text" : "(a.article_id, a.title, a.body, "
                + "a.url, a.tags, a.published_at, a.source_partition, a.source_offset)::text")
                + " FROM articles a WHERE article_id = ?", article));
        out.put("decisions", rows(pool, "SELECT " + (withClockTimes ? "d::text" : "(d.decision_id, d.comment_id, "
                + "d.action, d.corrects, d.reason, d.moderator, d.decided_at, d.applied, d.source_partition, "
                + "d.source_offset)::text") + " FROM decisions d WHERE article_id = ? ORDER BY decision_id", article));
        out.put("audit", rows(pool, "SELECT " + (withClockTimes ? "a::text" : "(a.decision_id, a.comment_id, "
                + "a.moderator, a.action, a.reason, a.from_status, a.to_status, a.decided_at)::text")
                + " FROM audit a WHERE article_id = ? ORDER BY decision_id", article));
        out.put("labels", rows(pool, "SELECT " + (withClockTimes ? "l::text" : "(l.comment_id, l.flags, "
                + "l.duplicate_of, l.corrected, l.detector_version, l.labelled_by, l.labelled_at)::text")
                + " FROM labels l WHERE article_id = ? ORDER BY comment_id", article));
        return out;
    }

    private static List<String> rows(HikariDataSource pool, String sql, String param) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection conn = pool.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static long count(HikariDataSource pool, String sql, String param) throws SQLException {
        return Long.parseLong(rows(pool, sql, param).get(0));
    }

    private static String status(HikariDataSource pool, String commentId) throws SQLException {
        return rows(pool, "SELECT status FROM comments WHERE comment_id = ?", commentId).get(0);
    }
}
