package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The stages after the thread: repeats by one author in another thread, and copies by anyone in another thread (the
 * global copy search, which replaced the search under other ids of one story).
 */
class CrossThreadDuplicatesTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String OPINION = "Moving Skype onto Azure should finally make calls reliable for everyone "
            + "who depends on it for work.";

    private static Article article(String id, String url) {
        return new Article(id, "Skype moves onto Windows Azure", "Microsoft is moving Skype onto its Azure cloud.", url,
                T0, List.of("Cloud"));
    }

    private static Comment comment(String id, String articleId, String author, String body, Duration after) {
        return new Comment(id, articleId, null, author, null, body, T0.plus(after));
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

    private static ModerationDriver driver(Duration retention, int authorHistory) {
        ModerationConfig base = ModerationConfig.forEvaluation().withApplicationId("moderation-ttd-cross");
        return new ModerationDriver(base.withHistory(base.threadHistory(), retention, authorHistory));
    }

    @Test
    void aCopyBySameAuthorInAnotherThreadIsADuplicateOfTheFirstButAnotherReadersShortReplyIsNot() {
        try (ModerationDriver tg = driver(Duration.ofDays(7), 200)) {
            tg.pipe(article("a-1", "https://example.com/skype"));
            tg.pipe(article("a-2", "https://example.com/azure-outage"));
            tg.pipe(comment("c-1", "a-1", "Sean Foley", OPINION, Duration.ofMinutes(1)));
            tg.pipe(comment("c-2", "a-1", "Ann", "Agreed.", Duration.ofMinutes(2)));
            tg.pipe(comment("c-3", "a-2", "sean  foley", OPINION.replace("everyone", "everyone,"), Duration.ofMinutes(5)));
            tg.pipe(comment("c-4", "a-2", "Bob", "Agreed.", Duration.ofMinutes(6)));
            tg.pipe(comment("c-5", "a-2", "Sean Foley", OPINION.replace("reliable", "reliabel"), Duration.ofMinutes(7)));

            Map<String, Verdict> v = verdicts(tg);

            assertThat(v).containsOnlyKeys("c-1", "c-2", "c-3", "c-4", "c-5");
            assertThat(v.get("c-1").flags()).doesNotContain(Flag.DUPLICATE);
            assertThat(v.get("c-3").flags()).contains(Flag.DUPLICATE);
            assertThat(v.get("c-3").duplicateOf()).isEqualTo("c-1");
            assertThat(v.get("c-3").reasons()).contains("duplicate: same text as c-1 by the same author, posted 4 minutes "
                    + "earlier in another thread (article a-1)");
            assertThat(v.get("c-4").flags()).doesNotContain(Flag.DUPLICATE);
            // A near copy in the same thread as c-3 and in a-1: the thread stage names c-3; c-1 came first overall.
            assertThat(v.get("c-5").flags()).contains(Flag.DUPLICATE);
            assertThat(v.get("c-5").duplicateOf()).isIn("c-1", "c-3");
        }
    }

    @Test
    void aCopyAfterTheAuthorRetentionWindowIsFoundOnlyByItsSignatureAndOldEntriesAreSwept() {
        try (ModerationDriver tg = driver(Duration.ofDays(1), 200)) {
            tg.pipe(article("a-1", "https://example.com/one"));
            tg.pipe(article("a-2", "https://example.com/two"));
            tg.pipe(article("a-3", "https://example.com/three"));
            tg.pipe(comment("c-1", "a-1", "Ann", OPINION, Duration.ofHours(1)));
            tg.pipe(comment("c-2", "a-2", "Ann", OPINION, Duration.ofHours(20)));
            tg.pipe(comment("c-3", "a-3", "Ann", OPINION, Duration.ofHours(50)));

            Map<String, Verdict> v = verdicts(tg);

            assertThat(v.get("c-2").duplicateOf()).isEqualTo("c-1");
            // The author stage forgot c-1 and c-2 (older than a day); the global copy search keeps their signatures.
            assertThat(v.get("c-3").duplicateOf()).isEqualTo("c-1");
            assertThat(v.get("c-3").reasons().get(0)).isEqualTo("duplicate: same text as c-1 by the same author, posted "
                    + "2 days earlier in another thread (article a-1)" + GlobalCopyProcessor.BY_SIGNATURE);
            assertThat(commentIds(tg.driver.getKeyValueStore(ModerationTopology.AUTHOR_COMMENTS_STORE)))
                    .containsExactly("c-3");
            KeyValueStore<String, ThreadEntry> threads = tg.driver.getKeyValueStore(ModerationTopology.THREADS_STORE);
            try (KeyValueIterator<String, ThreadEntry> all = threads.all()) {
                assertThat(all.hasNext()).isTrue();
                assertThat(all.next().value.comment().commentId()).as("quiet threads a-1 and a-2 forgotten").isEqualTo("c-3");
                assertThat(all.hasNext()).isFalse();
            }
        }
    }

    @Test
    void eachAuthorKeepsABoundedNumberOfRecentComments() {
        try (ModerationDriver tg = driver(Duration.ofDays(7), 3)) {
            tg.pipe(article("a-1", "https://example.com/one"));
            tg.pipe(article("a-2", "https://example.com/two"));
            String[] texts = {
                "The first thing I noticed is how much faster the calls connect now.",
                "Second point: the desktop client still drains my laptop battery badly.",
                "Third, nobody at Microsoft has explained what happens to the old servers.",
                "Fourth and last, the outage page was not updated for three whole hours."};
            for (int i = 0; i < texts.length; i++) {
                tg.pipe(comment("c-" + (i + 1), "a-1", "Ann", texts[i], Duration.ofMinutes(i + 1)));
            }
            tg.pipe(comment("c-5", "a-2", "Ann", texts[0], Duration.ofMinutes(10)));
            tg.pipe(comment("c-6", "a-2", "Ann", texts[3], Duration.ofMinutes(11)));

            Map<String, Verdict> v = verdicts(tg);

            // The author stage evicted c-1 (c-4 pushed it out); the global copy search still holds its signature.
            assertThat(v.get("c-5").duplicateOf()).isEqualTo("c-1");
            assertThat(v.get("c-5").reasons().get(0)).endsWith(GlobalCopyProcessor.BY_SIGNATURE);
            assertThat(v.get("c-6").duplicateOf()).isEqualTo("c-4");
            assertThat(v.get("c-6").reasons().get(0)).as("found by the author stage, with the text")
                    .doesNotContain(GlobalCopyProcessor.BY_SIGNATURE);
            assertThat(commentIds(tg.driver.getKeyValueStore(ModerationTopology.AUTHOR_COMMENTS_STORE)))
                    .containsExactly("c-4", "c-5", "c-6");
        }
    }

    @Test
    void aCopyByAnotherReaderUnderAnotherIdOfTheSameStoryIsADuplicateLikeOneInAnyOtherThread() {
        try (ModerationDriver tg = driver(Duration.ofDays(7), 200)) {
            tg.pipe(article("a-1", "https://example.com/skype"));
            tg.pipe(article("a-2", "HTTP://example.com/skype/"));
            tg.pipe(article("a-3", "https://example.com/something-else"));
            tg.pipe(comment("c-1", "a-1", "Ann", OPINION, Duration.ofMinutes(1)));
            tg.pipe(comment("c-2", "a-2", "Bob", OPINION, Duration.ofMinutes(3)));
            tg.pipe(comment("c-3", "a-3", "Eve", OPINION, Duration.ofMinutes(4)));

            Map<String, Verdict> v = verdicts(tg);

            assertThat(v.get("c-2").duplicateOf()).isEqualTo("c-1");
            assertThat(v.get("c-2").reasons().get(0)).isEqualTo("duplicate: same text as c-1, posted 2 minutes earlier "
                    + "by another reader in another thread (article a-1)" + GlobalCopyProcessor.BY_SIGNATURE);
            assertThat(v.get("c-3").duplicateOf()).as("another story: the first copy posted is named").isEqualTo("c-1");
        }
    }

    @Test
    void aRepeatedDeliveryKeepsItsOneCrossThreadVerdict() {
        try (ModerationDriver tg = driver(Duration.ofDays(7), 200)) {
            tg.pipe(article("a-1", "https://example.com/one"));
            tg.pipe(article("a-2", "https://example.com/two"));
            tg.pipe(comment("c-1", "a-1", "Ann", OPINION, Duration.ofMinutes(1)));
            Comment copy = comment("c-2", "a-2", "Ann", OPINION, Duration.ofMinutes(2));
            tg.pipe(copy);
            tg.pipe(copy);

            List<TestRecord<String, ModeratedComment>> out = tg.verdicts();

            // One verdict per comment: the resend is recognised by the thread stage and not emitted again.
            assertThat(out).hasSize(2);
            assertThat(out.get(1).value().verdict().duplicateOf()).isEqualTo("c-1");
        }
    }

    @Test
    void everyNodeAndTheRepartitionTopicsAreNamed() {
        TopologyDescription description = ModerationTopology.build(ModerationConfig.forEvaluation()).describe();
        String text = description.toString();
        assertThat(text).contains("by-author-repartition", "by-copy-anchor-repartition",
                ModerationTopology.AUTHOR_PROCESSOR, ModerationTopology.GLOBAL_COPY_PROCESSOR,
                ModerationTopology.GLOBAL_COPIES_STORE, ModerationTopology.VERDICTS_SINK);
        assertThat(text).doesNotContain("by-story");
        assertThat(text).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+");
    }

    private static List<String> commentIds(KeyValueStore<String, RecentComment> store) {
        List<String> ids = new java.util.ArrayList<>();
        try (KeyValueIterator<String, RecentComment> all = store.all()) {
            all.forEachRemaining(kv -> ids.add(kv.value.commentId()));
        }
        return ids;
    }
}
