package dev.threadguard.launcher.faults;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.contract.Verdict;
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
 * The checks once the pipeline is idle: PostgreSQL holds every accepted comment once, with a final verdict
 * (awaiting nothing); {@code comments.moderated}, read read_committed, holds exactly one final verdict per comment,
 * preceded by at most one provisional verdict ({@link Verdict#provisional()}: moderation judged some flag
 * provisionally and revises it, with the same key, later on the same partition); no duplicate verdict names the
 * comment itself, nor an original posted after the comment it flags. A comment that reached
 * {@code comments.submitted} twice (a client resent it after its 202 was lost: the harness does, as sites do) is
 * counted as redelivered, and still has one final verdict.
 */
final class FaultChecks {
    /**
     * What the checks found; ids are listed (up to a few) so a failure can be followed up in the logs.
     * {@code verdictsPerComment} counts final verdicts per accepted comment (number of final verdicts to number of
     * comments): a provisional verdict is not counted there but in {@code provisional} (comments whose final verdict
     * was preceded by one provisional verdict).
     */
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
            long redelivered,
            long provisional) {
    }

    /** How a comment was judged on {@code comments.moderated}. */
    enum Judged {
        /** One final verdict, preceded by at most one provisional one: as it must be. */
        ONCE,
        /** No verdict, or only a provisional one: it has no final verdict. */
        NOT_FINALLY,
        /**
         * More than one final verdict, more than one provisional one, or a provisional verdict after the final one
         * (which a consumer keeping the latest verdict would end with): judged more than once.
         */
        MORE_THAN_ONCE
    }

    /** {@code verdicts}: one comment's verdicts in the order of its partition (one key, one partition). */
    static Judged judged(List<Verdict> verdicts) {
        int finals = 0;
        int provisionals = 0;
        boolean provisionalAfterFinal = false;
        for (Verdict v : verdicts) {
            if (v.provisional()) {
                provisionals++;
                provisionalAfterFinal |= finals > 0;
            } else {
                finals++;
            }
        }
        if (finals > 1 || provisionals > 1 || provisionalAfterFinal) {
            return Judged.MORE_THAN_ONCE;
        }
        return finals == 1 ? Judged.ONCE : Judged.NOT_FINALLY;
    }

    /** Final verdicts among {@code verdicts}. */
    static int finals(List<Verdict> verdicts) {
        return (int) verdicts.stream().filter(v -> !v.provisional()).count();
    }

    private FaultChecks() {
    }

    static Findings run(FaultServers servers, Ledger ledger, String idPrefix) throws SQLException {
        Map<String, Ledger.Sent> sent = ledger.sent();
        Set<String> accepted = new HashSet<>();
        sent.values().stream().filter(Ledger.Sent::accepted).forEach(s -> accepted.add(s.commentId));

        // Stored with a final verdict: the sink keeps the latest verdict it read, the revision of a provisional one.
        Map<String, Boolean> storedWithVerdict = new HashMap<>();
        try (Connection c = servers.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT comment_id, detector_version IS NOT NULL AND cardinality(awaiting) = 0"
                     + " FROM comments WHERE comment_id LIKE '" + idPrefix + "%'")) {
            while (rs.next()) {
                storedWithVerdict.put(rs.getString(1), rs.getBoolean(2));
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

        Map<String, List<Verdict>> verdicts = new HashMap<>();
        List<ModeratedComment> flaggedDuplicate = new ArrayList<>();
        Map<String, Integer> submissions = new HashMap<>();
        read(servers.bootstrapServers(), Topics.COMMENTS_MODERATED.name(), bytes -> {
            ModeratedComment m = Json.read(bytes, ModeratedComment.class);
            if (m.comment().commentId().startsWith(idPrefix)) {
                verdicts.computeIfAbsent(m.comment().commentId(), k -> new ArrayList<>()).add(m.verdict());
                if (m.verdict().flags().contains(Flag.DUPLICATE)) {
                    flaggedDuplicate.add(m);
                }
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
        long provisional = 0;
        for (String id : accepted) {
            List<Verdict> list = verdicts.getOrDefault(id, List.of());
            int submitted = submissions.getOrDefault(id, 0);
            histogram.merge(finals(list), 1L, Long::sum);
            if (submitted > 1) {
                redelivered++;
            }
            // Exactly one final verdict per comment, preceded by at most one provisional verdict, however often it
            // was submitted (a client resending after a lost 202 commits it twice; moderation recognises the repeat).
            Judged judged = judged(list);
            if (judged == Judged.MORE_THAN_ONCE) {
                duplicated.add(id);
            } else if (judged == Judged.NOT_FINALLY) {
                withoutVerdict.add(id);
            } else if (list.size() == 2) {
                provisional++;
            }
        }
        List<String> self = new ArrayList<>();
        List<String> order = new ArrayList<>();
        long flagged = 0;
        for (ModeratedComment m : flaggedDuplicate) {
            String id = m.comment().commentId();
            String original = m.verdict().duplicateOf();
            if (id.equals(original) && !self.contains(id)) {
                self.add(id);
            }
            // A provisional verdict and its revision judge the same duplicate: the final one alone is counted.
            if (m.verdict().provisional()) {
                continue;
            }
            flagged++;
            Ledger.Sent flaggedOne = sent.get(id);
            Ledger.Sent originalOne = original == null ? null : sent.get(original);
            if (flaggedOne != null && originalOne != null && originalOne.postedAt.isAfter(flaggedOne.postedAt)) {
                order.add(id + " (duplicate of " + original + ", posted "
                        + Duration.between(flaggedOne.postedAt, originalOne.postedAt).toMillis() + " ms later)");
            }
        }
        return new Findings(storedWithVerdict.size(), lost, noVerdict, duplicated, withoutVerdict, histogram, self, order,
                storedWithout202, flagged, redelivered, provisional);
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
