package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The global copy search: a copy by anyone, in any thread (articles without anything in common), up to the global
 * reach, which is the copy by postedAt, and what an anchor shared by many comments costs.
 */
class GlobalCopySearchTest {
    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    private static final String GARDEN = "Our allotment committee tried the same rainwater scheme two summers ago. "
            + "The barrels filled in a week and then sat green and stagnant until October.";
    private static final String FERRY = "The ferry timetable changes every spring without any notice on the pier. "
            + "Half the village missed the early boat because the printed sheet was still from last year.";

    private static Article article(String id, String title) {
        return new Article(id, title, title + ". A longer piece about " + title.toLowerCase() + ".",
                "https://news.example.org/" + id, T0.minus(Duration.ofDays(1)), List.of("local"));
    }

    private static Comment comment(String id, String articleId, String author, String body, Duration after) {
        return new Comment(id, articleId, null, author, null, body, T0.plus(after));
    }

    private static ModerationDriver driver() {
        return new ModerationDriver(ModerationConfig.forEvaluation().withApplicationId("moderation-ttd-global"));
    }

    private static Map<String, Verdict> verdicts(ModerationDriver tg) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (TestRecord<String, ModeratedComment> r : tg.verdicts()) {
            assertThat(out).as("one verdict per comment").doesNotContainKey(r.value().verdict().commentId());
            assertThat(r.key()).isEqualTo(r.value().comment().articleId());
            out.put(r.value().verdict().commentId(), r.value().verdict());
        }
        return out;
    }

    @Test
    void aCopyByAnotherAccountInAnUnrelatedThreadIsFoundAndSaysItWasFoundBySignature() {
        try (ModerationDriver tg = driver()) {
            tg.pipe(article("a-garden", "Rainwater barrels for allotments"));
            tg.pipe(article("a-bikes", "New cycle lanes on the high street"));
            tg.pipe(article("a-ferry", "Island ferry fares go up"));
            tg.pipe(comment("c-1", "a-garden", "Marta", GARDEN, Duration.ofMinutes(1)));
            tg.pipe(comment("c-2", "a-bikes", "promo_account_7", GARDEN, Duration.ofHours(5)));
            String[] sentences = GARDEN.split("(?<=\\.) ");
            tg.pipe(comment("c-3", "a-ferry", "someone_else", sentences[1] + " " + sentences[0], Duration.ofHours(6)));
            tg.pipe(comment("c-4", "a-ferry", "Marta", FERRY, Duration.ofHours(7)));

            Map<String, Verdict> v = verdicts(tg);

            assertThat(v.get("c-1").flags()).doesNotContain(Flag.DUPLICATE);
            assertThat(v.get("c-2").duplicateOf()).isEqualTo("c-1");
            assertThat(v.get("c-2").reasons().get(0)).isEqualTo("duplicate: same text as c-1, posted 4 hours earlier by "
                    + "another reader in another thread (article a-garden)" + GlobalCopyProcessor.BY_SIGNATURE);
            assertThat(v.get("c-3").duplicateOf()).as("the sentences in another order").isEqualTo("c-1");
            assertThat(v.get("c-3").reasons().get(0)).startsWith("duplicate: the sentences of c-1 in another order");
            assertThat(v.get("c-4").flags()).doesNotContain(Flag.DUPLICATE);
        }
    }

    @Test
    void copiesThirtyAndEightyNineDaysLaterAreFoundAndOneAfterTheReachIsNot() {
        try (ModerationDriver tg = driver()) {
            for (String id : List.of("a-1", "a-2", "a-3", "a-4", "a-5")) {
                tg.pipe(article(id, "Story " + id));
            }
            tg.pipe(comment("c-garden", "a-1", "Marta", GARDEN, Duration.ZERO));
            tg.pipe(comment("c-ferry", "a-1", "Ilse", FERRY, Duration.ofMinutes(3)));
            tg.pipe(comment("c-30", "a-2", "Bo", GARDEN, Duration.ofDays(30)));
            tg.pipe(comment("c-89", "a-3", "Cai", GARDEN, Duration.ofDays(89)));
            tg.pipe(comment("c-91", "a-4", "Dee", FERRY, Duration.ofDays(91)));

            Map<String, Verdict> v = verdicts(tg);

            assertThat(v.get("c-30").duplicateOf()).isEqualTo("c-garden");
            assertThat(v.get("c-30").reasons().get(0)).contains("posted 30 days earlier by another reader");
            assertThat(v.get("c-89").duplicateOf()).as("the first posted, not the 30-day copy").isEqualTo("c-garden");
            assertThat(v.get("c-89").reasons().get(0)).contains("posted 89 days earlier by another reader");
            assertThat(v.get("c-91").flags()).as("c-ferry is 91 days old, past the 90-day reach")
                    .doesNotContain(Flag.DUPLICATE);
        }
    }

    @Test
    void aLaterPostedCopyThatArrivesFirstIsNeverNamedAsTheOriginal() {
        try (ModerationDriver tg = driver()) {
            tg.pipe(article("a-1", "Rainwater barrels for allotments"));
            tg.pipe(article("a-2", "New cycle lanes on the high street"));
            tg.pipe(article("a-3", "Island ferry fares go up"));
            // Posted 90 s after the original, in another thread, by another account, but delivered first.
            tg.comments.pipeInput("a-2", comment("c-copy", "a-2", "reposter", GARDEN, Duration.ofSeconds(90)),
                    T0.plus(Duration.ofMinutes(30)));
            tg.comments.pipeInput("a-1", comment("c-first", "a-1", "Marta", GARDEN, Duration.ZERO),
                    T0.plus(Duration.ofMinutes(31)));
            tg.comments.pipeInput("a-3", comment("c-third", "a-3", "third_one", GARDEN, Duration.ofMinutes(4)),
                    T0.plus(Duration.ofMinutes(32)));

            Map<String, Verdict> v = verdicts(tg);

            assertThat(v.get("c-copy").flags()).as("nothing posted before it had arrived").doesNotContain(Flag.DUPLICATE);
            assertThat(v.get("c-first").flags()).as("c-copy was posted later").doesNotContain(Flag.DUPLICATE);
            assertThat(v.get("c-first").reasons()).noneMatch(r -> r.contains("c-copy"));
            assertThat(v.get("c-third").duplicateOf()).as("the earliest posted, though it arrived second")
                    .isEqualTo("c-first");
            assertThat(v.get("c-third").reasons().get(0)).contains("same text as c-first, posted 4 minutes earlier");
        }
    }

    @Test
    void anAnchorSharedByManyDistinctCommentsFlagsNoneOfThemAndReadsOnlyItsNewestEntries() {
        String stock = "Thanks for writing this up so clearly, it was a really good read and I learned a lot today.";
        String[] words = ("kettle orchard lantern pebble meadow ribbon walnut harbour tunnel saddle violet marble "
                + "compass thistle beacon quarry juniper falcon cactus ember glacier pepper summit tandem").split(" ");
        DuplicateDetector detector = new dev.threadguard.moderation.judge.CommentJudge(
                ModerationConfig.forEvaluation().detectors()).duplicates();
        Comment probe = comment("probe", "x", "x", stock, Duration.ZERO);
        long stockAnchor = detector.copyAnchor(probe).orElseThrow();
        SplittableRandom random = new SplittableRandom(42);
        List<Comment> sharing = new ArrayList<>();
        for (int i = 0; sharing.size() < 150; i++) {
            StringBuilder tail = new StringBuilder("Point " + i + " for me is the");
            for (int w = 0; w < 9; w++) {
                tail.append(' ').append(words[random.nextInt(words.length)]);
            }
            Comment c = comment("h-" + sharing.size(), "t-" + (sharing.size() % 40), "reader-" + sharing.size(),
                    stock + " " + tail + ".", Duration.ofMinutes(sharing.size()));
            if (detector.copyAnchor(c).orElseThrow() == stockAnchor) {
                sharing.add(c); // the stock phrase holds the smallest five-word hash: all of them meet in one anchor
            }
        }
        try (ModerationDriver tg = driver()) {
            for (int t = 0; t < 41; t++) {
                tg.pipe(article("t-" + t, "Thread number " + t));
            }
            sharing.forEach(tg::pipe);
            Comment newest = sharing.get(sharing.size() - 1);
            Comment oldest = sharing.get(0);
            tg.pipe(new Comment("copy-new", "t-40", null, "copier", null, newest.body(), T0.plus(Duration.ofDays(1))));
            tg.pipe(new Comment("copy-old", "t-40", null, "copier2", null, oldest.body(),
                    T0.plus(Duration.ofDays(1)).plusSeconds(1)));

            Map<String, Verdict> v = verdicts(tg);

            assertThat(sharing).allSatisfy(c -> assertThat(v.get(c.commentId()).flags())
                    .as("%s shares only the stock phrase", c.commentId()).doesNotContain(Flag.DUPLICATE));
            assertThat(v.get("copy-new").duplicateOf()).isEqualTo(newest.commentId());
            // The price of the bound: a lookup reads the anchor's newest 64 entries, and the oldest of 150 is not
            // among them.
            assertThat(v.get("copy-old").flags()).doesNotContain(Flag.DUPLICATE);
            WindowStore<Long, CopyEntry> store = tg.driver.getWindowStore(ModerationTopology.GLOBAL_COPIES_STORE);
            int kept = 0;
            try (WindowStoreIterator<CopyEntry> it = store.fetch(stockAnchor, Instant.EPOCH, T0.plus(Duration.ofDays(2)))) {
                while (it.hasNext()) {
                    it.next();
                    kept++;
                }
            }
            assertThat(kept).as("every comment stored once under the anchor").isEqualTo(sharing.size() + 2);
        }
    }
}
