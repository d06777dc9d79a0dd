package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.SampleThread;
import dev.threadguard.contract.Verdict;
import dev.threadguard.metrics.MetricNames;
import dev.threadguard.metrics.ServiceMetrics;
import dev.threadguard.moderation.metrics.ModerationMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class ModerationTopologyTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static Article article(String id) {
        return new Article(id, "Skype moves onto Windows Azure",
                "Microsoft is moving Skype and SkyDrive onto its Windows Azure cloud platform.",
                "https://example.com/" + id, T0, List.of("Cloud"));
    }

    private static Comment comment(String id, String articleId, String parentId, String author, String body, int minute) {
        return new Comment(id, articleId, parentId, author, null, body, T0.plus(Duration.ofMinutes(minute)));
    }

    private static List<String> ids(List<TestRecord<String, ModeratedComment>> records) {
        return records.stream().map(r -> r.value().comment().commentId()).toList();
    }

    @Test
    void sampleThreadYieldsOneVerdictPerCommentInPostingOrderWithRepliesIntact() {
        List<Event> events = SampleThread.events();
        List<Comment> comments = events.stream().filter(Comment.class::isInstance).map(Comment.class::cast).toList();
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            for (Event event : events) {
                if (event instanceof Article a) {
                    tg.pipe(a);
                } else {
                    tg.pipe((Comment) event);
                }
            }
            List<TestRecord<String, ModeratedComment>> out = tg.verdicts();

            assertThat(ids(out)).containsExactlyElementsOf(comments.stream().map(Comment::commentId).toList());
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < out.size(); i++) {
                TestRecord<String, ModeratedComment> record = out.get(i);
                Comment sent = comments.get(i);
                Verdict verdict = record.value().verdict();
                assertThat(record.key()).isEqualTo(sent.articleId());
                assertThat(record.value().comment().parentId()).isEqualTo(sent.parentId());
                if (sent.parentId() != null) {
                    assertThat(seen).as("parent of %s judged before it", sent.commentId()).contains(sent.parentId());
                }
                assertThat(verdict.commentId()).isEqualTo(sent.commentId());
                assertThat(verdict.articleId()).isEqualTo(sent.articleId());
                assertThat(verdict.judgedAt()).isEqualTo(sent.postedAt());
                assertThat(record.timestamp()).isEqualTo(sent.postedAt().toEpochMilli());
                seen.add(sent.commentId());
            }
        }
    }

    @Test
    void sameAuthorPostingTheSameTextTwiceIsFlaggedDuplicateOfTheFirst() {
        String text = "I hate to think Skype was previously running on a random backbone infrastructure. "
                + "The Azure cloud should make calls far more reliable for everyone.";
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(article("a-dup"));
            tg.pipe(comment("c-1", "a-dup", null, "Sean Foley", text, 1));
            tg.pipe(comment("c-2", "a-dup", null, "Another Reader", "Azure has had a few outages this year, though.", 2));
            tg.pipe(comment("c-3", "a-dup", null, "Sean Foley", text, 4));

            List<TestRecord<String, ModeratedComment>> out = tg.verdicts();

            assertThat(ids(out)).containsExactly("c-1", "c-2", "c-3");
            assertThat(out.get(0).value().verdict().flags()).doesNotContain(Flag.DUPLICATE);
            Verdict second = out.get(2).value().verdict();
            assertThat(second.flags()).contains(Flag.DUPLICATE);
            assertThat(second.duplicateOf()).isEqualTo("c-1");
        }
    }

    @Test
    void commentsBeforeTheirArticleAreHeldAndJudgedInPostingOrderWhenItArrives() {
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(comment("c-1", "a-late", null, "Ann", "Is this already live for everyone?", 1));
            tg.pipe(comment("c-2", "a-late", "c-1", "Bob", "Yes, since this morning.", 2));
            tg.pipe(comment("c-3", "a-late", null, "Cid", "Good news for Skype users.", 3));

            assertThat(tg.verdicts()).isEmpty();
            assertThat(count(tg.driver.getKeyValueStore(ModerationTopology.HELD_STORE))).isEqualTo(3);

            tg.pipe(article("a-late"));
            List<TestRecord<String, ModeratedComment>> out = tg.verdicts();

            assertThat(ids(out)).containsExactly("c-1", "c-2", "c-3");
            assertThat(out.get(1).value().comment().parentId()).isEqualTo("c-1");
            // Judged at their own event time, not at the article's.
            assertThat(out.get(1).value().verdict().judgedAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
            assertThat(count(tg.driver.getKeyValueStore(ModerationTopology.HELD_STORE))).isZero();

            tg.pipe(comment("c-4", "a-late", "c-2", "Ann", "Thanks!", 5));
            assertThat(ids(tg.verdicts())).containsExactly("c-4");
        }
    }

    @Test
    void aCommentWhoseArticleNeverArrivesIsJudgedWithoutItAfterTheHoldTimeout() {
        ModerationConfig config = ModerationConfig.forEvaluation().withApplicationId("moderation-ttd-hold")
                .withHolding(Duration.ofMinutes(10), 1000);
        try (ModerationDriver tg = new ModerationDriver(config)) {
            tg.pipe(comment("c-1", "a-missing", null, "Ann", "Where is the article?", 1));
            tg.pipe(comment("c-2", "a-missing", null, "Bob", "Still waiting here.", 2));

            tg.advanceWallClock(Duration.ofMinutes(5));
            assertThat(tg.verdicts()).isEmpty();

            tg.advanceWallClock(Duration.ofMinutes(6));
            List<TestRecord<String, ModeratedComment>> out = tg.verdicts();
            assertThat(ids(out)).containsExactly("c-1", "c-2");
            assertThat(out.get(0).key()).isEqualTo("a-missing");
            assertThat(out.get(0).value().verdict().judgedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
            assertThat(out).allSatisfy(r -> assertThat(r.value().verdict().reasons())
                    .contains("judged without its article: article a-missing had not arrived after 10 minutes"));

            // The article turns up late after all: new comments are judged at once, the old ones are not judged twice.
            tg.pipe(article("a-missing"));
            tg.pipe(comment("c-3", "a-missing", "c-1", "Cid", "It is here now.", 30));
            assertThat(ids(tg.verdicts())).containsExactly("c-3");
        }
    }

    @Test
    void pastTheBoundPerArticleANewCommentIsJudgedAtOnceWithoutItsArticleAndSaysSo() {
        ModerationConfig config = ModerationConfig.forEvaluation().withApplicationId("moderation-ttd-bound")
                .withHolding(Duration.ofHours(1), 2);
        try (ModerationDriver tg = new ModerationDriver(config)) {
            tg.pipe(comment("c-1", "a-busy", null, "Ann", "First!", 1));
            tg.pipe(comment("c-2", "a-busy", null, "Bob", "Second.", 2));
            assertThat(tg.verdicts()).isEmpty();

            tg.pipe(comment("c-3", "a-busy", null, "Cid", "Third.", 3));
            List<TestRecord<String, ModeratedComment>> atOnce = tg.verdicts();
            assertThat(ids(atOnce)).containsExactly("c-3");
            assertThat(atOnce.get(0).value().verdict().reasons())
                    .contains("judged without its article: 2 comments were already waiting for article a-busy");

            tg.pipe(article("a-busy"));
            List<TestRecord<String, ModeratedComment>> released = tg.verdicts();
            assertThat(ids(released)).containsExactly("c-1", "c-2");
            assertThat(released).allSatisfy(r -> assertThat(r.value().verdict().reasons())
                    .noneMatch(reason -> reason.startsWith("judged without its article")));
        }
    }

    @Test
    void pastTheBoundPerTaskANewCommentIsJudgedAtOnceAndTheHoldIsCountedAsItFillsAndEmpties() {
        ModerationConfig config = ModerationConfig.forEvaluation().withApplicationId("moderation-ttd-total")
                .withHolding(Duration.ofHours(1), 3, 3);
        ServiceMetrics service = ServiceMetrics.create("moderation");
        try (ModerationDriver tg = new ModerationDriver(config, new ModerationMetrics(service, Clock.systemUTC()))) {
            assertThat(held(service)).isZero();
            tg.pipe(comment("c-1", "a-x", null, "Ann", "On x.", 1));
            tg.pipe(comment("c-2", "a-y", null, "Bob", "On y.", 2));
            tg.pipe(comment("c-3", "a-y", null, "Cid", "Also on y.", 3));
            assertThat(held(service)).isEqualTo(3);

            tg.pipe(comment("c-4", "a-z", null, "Dee", "On z.", 4));
            List<TestRecord<String, ModeratedComment>> atOnce = tg.verdicts();
            assertThat(ids(atOnce)).containsExactly("c-4");
            assertThat(atOnce.get(0).value().verdict().reasons()).contains(
                    "judged without its article: 3 comments were already waiting for their articles in this partition");
            assertThat(held(service)).isEqualTo(3);
            assertThat(withoutArticle(service, "total_bound")).isEqualTo(1);

            tg.pipe(article("a-y"));
            assertThat(ids(tg.verdicts())).containsExactly("c-2", "c-3");
            assertThat(held(service)).isEqualTo(1);
            tg.pipe(comment("c-5", "a-z", null, "Dee", "On z, again.", 5));
            assertThat(tg.verdicts()).isEmpty();
            assertThat(held(service)).isEqualTo(2);
            assertThat(withoutArticle(service, "article_bound")).isZero();
        } finally {
            assertThat(held(service)).as("a closed task counts no more").isZero();
            service.close();
        }
    }

    private static double held(ServiceMetrics service) {
        return service.registry().get(MetricNames.MODERATION_HELD_COMMENTS).gauge().value();
    }

    private static double withoutArticle(ServiceMetrics service, String reason) {
        return service.registry().get(MetricNames.MODERATION_JUDGED_WITHOUT_ARTICLE).tag(MetricNames.REASON, reason)
                .counter().count();
    }

    @Test
    void aRepeatedDeliveryGetsTheFirstVerdictAgainNotANewJudgement() {
        Comment first = comment("c-1", "a-repeat", null, "Ann", "Skype on Azure, finally a sensible move.", 1);
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(article("a-repeat"));
            tg.pipe(first);
            tg.pipe(comment("c-2", "a-repeat", null, "Bob", "Agreed, much better.", 2));
            // The same submission again, later (a producer retry), then once more with other text under the same id.
            tg.comments.pipeInput("a-repeat", first, T0.plus(Duration.ofMinutes(9)));
            tg.pipe(comment("c-1", "a-repeat", null, "Ann", "Edited text under a reused id.", 10));

            List<TestRecord<String, ModeratedComment>> out = tg.verdicts();

            // The identical resend gets the first verdict again; the changed one is a dead letter, the first stays.
            assertThat(ids(out)).containsExactly("c-1", "c-2", "c-1");
            assertThat(out.get(2).value()).isEqualTo(out.get(0).value());
            KeyValueStore<String, ThreadEntry> threads = tg.driver.getKeyValueStore(ModerationTopology.THREADS_STORE);
            assertThat(count(threads)).isEqualTo(2);
            List<TestRecord<byte[], byte[]>> dead = tg.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("Edited text under a reused id.");
            assertThat(header(dead.get(0), DeadLetter.CODE)).isEqualTo("comment-id-conflict");
            assertThat(header(dead.get(0), DeadLetter.MESSAGE))
                    .startsWith("comment-id-conflict: comment c-1 of article a-repeat");
            assertThat(header(dead.get(0), DeadLetter.SERVICE)).isEqualTo("moderation");
            assertThat(dead.get(0).headers().toArray()).noneMatch(h -> h.key().startsWith("__streams"));
        }
    }

    @Test
    void aChangedResendWhileHeldIsADeadLetterAndTheFirstIsJudged() {
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(comment("c-1", "a-wait2", null, "Ann", "Posted before the article.", 1));
            tg.pipe(comment("c-1", "a-wait2", null, "Ann", "Changed while waiting.", 2));
            tg.pipe(article("a-wait2"));

            List<TestRecord<String, ModeratedComment>> out = tg.verdicts();
            assertThat(ids(out)).containsExactly("c-1");
            assertThat(out.get(0).value().comment().body()).isEqualTo("Posted before the article.");
            List<TestRecord<byte[], byte[]>> dead = tg.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(header(dead.get(0), DeadLetter.CODE)).isEqualTo("comment-id-conflict");
            assertThat(header(dead.get(0), DeadLetter.MESSAGE)).startsWith("comment-id-conflict: comment c-1 of article a-wait2");
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("Changed while waiting.");
        }
    }

    /**
     * Parents moderation cannot find in the thread (unknown, in another article, or replied to before it arrived,
     * as in a cycle a -> b -> a) are no reason to lose a comment: each is judged, without a parent, parentId kept.
     */
    @Test
    void unknownCrossArticleAndCyclicParentsAreJudgedWithTheirParentIdKept() {
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(article("a-one"));
            tg.pipe(article("a-two"));
            tg.pipe(comment("elsewhere", "a-two", null, "Cy", "A comment in the other thread.", 1));
            tg.pipe(comment("orphan", "a-one", "never-posted", "Ann", "Replying to a comment nobody has seen.", 2));
            tg.pipe(comment("across", "a-one", "elsewhere", "Bob", "Replying across articles.", 3));
            tg.pipe(comment("cycle-a", "a-one", "cycle-b", "Dee", "First half of a reply cycle.", 4));
            tg.pipe(comment("cycle-b", "a-one", "cycle-a", "Eve", "Second half of a reply cycle.", 5));

            List<TestRecord<String, ModeratedComment>> out = tg.verdicts();

            assertThat(ids(out)).containsExactly("elsewhere", "orphan", "across", "cycle-a", "cycle-b");
            assertThat(out).extracting(r -> r.value().comment().parentId())
                    .containsExactly(null, "never-posted", "elsewhere", "cycle-b", "cycle-a");
            assertThat(tg.deadLetters.readRecordsToList()).isEmpty();
        }
    }

    @Test
    void aRepeatedDeliveryWhileHeldIsJudgedOnce() {
        Comment early = comment("c-1", "a-wait", null, "Ann", "Posted before the article.", 1);
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(early);
            tg.pipe(early);
            tg.pipe(article("a-wait"));
            assertThat(ids(tg.verdicts())).containsExactly("c-1");
        }
    }

    @Test
    void threadHistoryIsBoundedPerArticle() {
        ModerationConfig base = ModerationConfig.forEvaluation().withApplicationId("moderation-ttd-history");
        ModerationConfig config = new ModerationConfig(base.bootstrapServers(), base.applicationId(), base.stateDir(),
                base.holdTimeout(), base.maxHeldPerArticle(), 3, base.topicPartitions(), base.topicReplication(),
                base.detectors());
        try (ModerationDriver tg = new ModerationDriver(config)) {
            tg.pipe(article("a-long"));
            tg.pipe(article("a-other"));
            for (int i = 1; i <= 6; i++) {
                tg.pipe(comment("c-" + i, "a-long", null, "Reader " + i, "Comment number " + i + " on Azure.", i));
            }
            tg.pipe(comment("x-1", "a-other", null, "Ann", "A comment elsewhere.", 7));

            assertThat(tg.verdicts()).hasSize(7);
            List<String> kept = new ArrayList<>();
            try (KeyValueIterator<String, ThreadEntry> all =
                         tg.driver.<String, ThreadEntry>getKeyValueStore(ModerationTopology.THREADS_STORE).all()) {
                all.forEachRemaining(kv -> kept.add(kv.value.comment().commentId()));
            }
            assertThat(kept).containsExactly("c-4", "c-5", "c-6", "x-1");
        }
    }

    /**
     * TopologyTestDriver 4.4 drops the dead letters the deserialization handler returns, so records that cannot be
     * read are only seen to be skipped here; ModerationServiceIT checks that they reach comments.dlq on a real
     * broker. The processing handler's dead letters do show up in the driver.
     */
    @Test
    void unreadableRecordsAreSkippedAndATombstoneGoesToTheDeadLetterTopicWhileProcessingGoesOn() {
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(article("a-poison"));
            tg.rawComments.pipeInput("a-poison", "this is not JSON", T0);
            tg.rawComments.pipeInput("a-poison",
                    "{\"commentId\":\"c-nobody\",\"articleId\":\"a-poison\",\"author\":\"Ann\"}", T0);
            tg.comments.pipeInput("a-poison", null, T0);
            tg.rawArticles.pipeInput("a-broken", "{\"articleId\":", T0);
            tg.pipe(comment("c-good", "a-poison", null, "Bob", "A perfectly normal comment.", 3));

            assertThat(ids(tg.verdicts())).containsExactly("c-good");
            List<TestRecord<byte[], byte[]>> dead = tg.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            TestRecord<byte[], byte[]> tombstone = dead.get(0);
            assertThat(new String(tombstone.key(), StandardCharsets.UTF_8)).isEqualTo("a-poison");
            assertThat(tombstone.value()).isNull();
            assertThat(header(tombstone, DeadLetter.CODE)).isEqualTo("invalid-event");
            assertThat(header(tombstone, DeadLetter.MESSAGE)).contains("tombstone").doesNotContain("Exception");
            assertThat(header(tombstone, DeadLetter.SOURCE_TOPIC)).isEqualTo("comments.submitted");
            assertThat(header(tombstone, DeadLetter.SOURCE_OFFSET)).isEqualTo("2");
            assertThat(header(tombstone, DeadLetter.SERVICE)).isEqualTo("moderation");
            assertThat(tombstone.headers().toArray()).noneMatch(h -> h.key().startsWith("__streams"));
        }
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int count(KeyValueStore<String, ?> store) {
        int n = 0;
        try (KeyValueIterator<String, ?> all = store.all()) {
            for (; all.hasNext(); all.next()) {
                n++;
            }
        }
        return n;
    }

}
