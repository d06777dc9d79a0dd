package dev.threadguard.launcher.faults;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The checks once the pipeline is idle: PostgreSQL holds every accepted comment once, with a verdict;
 * {@code comments.moderated}, read read_committed, holds exactly one verdict per comment; no duplicate
 * verdict names the comment itself, nor an original posted after the comment it flags. A comment that
 * reached {@code comments.submitted} twice (a client resent it after its 202 was lost: the harness does,
 * as sites do) is counted as redelivered, and still has one verdict.
 */
final class FaultChecks {
    /** What the checks found; ids are listed (up to a few) so a failure can be followed up in the logs. */
    record Findings(
            long stored,
            List<String> lost,
            List<String> storedWithoutVerdict,
            List<String> duplicated,
            List<String> withoutVerdictOnKafka,
            Map<Integer, Long> verdictsPerComment,
            List<String> selfDuplicates,
            List<String> orderViolations,
            long storedWithout202,
            long duplicatesFlagged,
            long redelivered) {
    }

    private FaultChecks() {
    }

    static Findings run(FaultServers servers, Ledger ledger, String idPrefix) throws SQLException {
        Map<String, Ledger.Sent> sent = ledger.sent();
        Set<String> accepted = new HashSet<>();
        sent.values().stream().filter(Ledger.Sent::accepted).forEach(s -> accepted.add(s.commentId));

        Map<String, Boolean> storedWithVerdict = new HashMap<>();
        try (Connection c = servers.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT comment_id, detector_version FROM comments WHERE comment_id LIKE '"
                     + idPrefix + "%'")) {
            while (rs.next()) {
                storedWithVerdict.put(rs.getString(1), rs.getString(2) != null);
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> noVerdict = new ArrayList<>();
        for (String id : accepted) {
            Boolean verdict = storedWithVerdict.get(id);
            if (verdict == null) {
                lost.add(id);
            } else if (!verdict) {
                noVerdict.add(id);
            }
        }
        long storedWithout202 = storedWithVerdict.keySet().stream().filter(id -> !accepted.contains(id)).count();

        Map<String, List<ModeratedComment>> verdicts = new HashMap<>();
        Map<String, Integer> submissions = new HashMap<>();
        read(servers.bootstrapServers(), Topics.COMMENTS_MODERATED.name(), bytes -> {
            ModeratedComment m = Json.read(bytes, ModeratedComment.class);
            if (m.comment().commentId().startsWith(idPrefix)) {
                verdicts.computeIfAbsent(m.comment().commentId(), k -> new ArrayList<>()).add(m);
            }
        });
        read(servers.bootstrapServers(), Topics.COMMENTS_SUBMITTED.name(), bytes -> {
            Comment c = Json.read(bytes, Comment.class);
            if (c.commentId().startsWith(idPrefix)) {
                submissions.merge(c.commentId(), 1, Integer::sum);
            }
        });
        List<String> duplicated = new ArrayList<>();
        List<String> withoutVerdict = new ArrayList<>();
        Map<Integer, Long> histogram = new TreeMap<>();
        long redelivered = 0;
        for (String id : accepted) {
            List<ModeratedComment> list = verdicts.getOrDefault(id, List.of());
            int n = list.size();
            int submitted = submissions.getOrDefault(id, 0);
            histogram.merge(n, 1L, Long::sum);
            if (submitted > 1) {
                redelivered++;
            }
            // Exactly one committed verdict per comment, however often it was submitted (a client resending
            // after a lost 202 commits it twice; moderation recognises the repeat).
            if (n > 1) {
                duplicated.add(id);
            } else if (n == 0) {
                withoutVerdict.add(id);
            }
        }
        List<String> self = new ArrayList<>();
        List<String> order = new ArrayList<>();
        long flagged = 0;
        for (List<ModeratedComment> list : verdicts.values()) {
            for (ModeratedComment m : list) {
                if (!m.verdict().flags().contains(Flag.DUPLICATE)) {
                    continue;
                }
                flagged++;
                String id = m.comment().commentId();
                String original = m.verdict().duplicateOf();
                if (id.equals(original)) {
                    self.add(id);
                }
                Ledger.Sent flaggedOne = sent.get(id);
                Ledger.Sent originalOne = original == null ? null : sent.get(original);
                if (flaggedOne != null && originalOne != null && originalOne.postedAt.isAfter(flaggedOne.postedAt)) {
                    order.add(id + " (duplicate of " + original + ", posted "
                            + Duration.between(flaggedOne.postedAt, originalOne.postedAt).toMillis() + " ms later)");
                }
            }
        }
        return new Findings(storedWithVerdict.size(), lost, noVerdict, duplicated, withoutVerdict, histogram, self, order,
                storedWithout202, flagged, redelivered);
    }

    /** Every committed record of {@code topic}, from the beginning to the current end (read_committed). */
    private static void read(String bootstrap, String topic, Consumer<byte[]> each) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end offsets are the last stable offsets, so this stops at committed data.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 2 minutes");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(r.value());
                }
            }
        }
    }
}
