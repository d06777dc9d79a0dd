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
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Comments that reach moderation in another order than they were posted (a backlog after a crash, a client that
 * sends late): which one is the copy goes by postedAt, and no reason names a comment posted later as the original.
 */
class OutOfOrderDuplicatesTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String OPINION = "Moving Skype onto Azure should finally make calls reliable for everyone "
            + "who depends on it for work.";

    private static Article article(String id) {
        return new Article(id, "Skype moves onto Windows Azure", "Microsoft is moving Skype onto its Azure cloud.",
                "https://example.com/" + id, T0, List.of("Cloud"));
    }

    /** A comment posted {@code postedAfter} T0 that reaches moderation {@code arrivesAfter} T0 (its record time). */
    private static void pipe(ModerationDriver tg, String id, String articleId, Duration postedAfter,
                             Duration arrivesAfter) {
        Comment c = new Comment(id, articleId, null, "Sean Foley", null, OPINION, T0.plus(postedAfter));
        tg.comments.pipeInput(articleId, c, T0.plus(arrivesAfter));
    }

    private static Map<String, Verdict> verdicts(ModerationDriver tg) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (TestRecord<String, ModeratedComment> r : tg.verdicts()) {
            assertThat(out).as("one verdict per comment").doesNotContainKey(r.value().verdict().commentId());
            out.put(r.value().verdict().commentId(), r.value().verdict());
        }
        return out;
    }

    @Test
    void aCopyPostedLaterInAnotherThreadThatArrivesFirstIsNeverNamedAsTheOriginal() {
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(article("a-1"));
            tg.pipe(article("a-2"));
            tg.pipe(article("a-3"));
            // The incident: the copy posted 66 s later, in another thread, reached the author stage first.
            pipe(tg, "c-copy", "a-2", Duration.ofSeconds(66), Duration.ofMinutes(10));
            pipe(tg, "c-first", "a-1", Duration.ZERO, Duration.ofMinutes(10).plusSeconds(1));
            // A third copy, posted after both, in order: its original is the one posted first, not the one seen first.
            pipe(tg, "c-third", "a-3", Duration.ofSeconds(120), Duration.ofMinutes(11));

            Map<String, Verdict> v = verdicts(tg);

            assertThat(v).containsOnlyKeys("c-copy", "c-first", "c-third");
            assertThat(v.get("c-copy").flags()).doesNotContain(Flag.DUPLICATE);
            assertThat(v.get("c-first").flags()).doesNotContain(Flag.DUPLICATE);
            assertThat(v.get("c-first").duplicateOf()).isNull();
            assertThat(v.get("c-first").reasons()).noneMatch(r -> r.contains("c-copy"));
            assertThat(v.get("c-third").duplicateOf()).isEqualTo("c-first");
            assertThat(v.get("c-third").reasons()).contains("duplicate: same text as c-first by the same author, "
                    + "posted 2 minutes earlier in another thread (article a-1)");
            assertReasonsMatchPostingTimes(v, Map.of("c-copy", 66L, "c-first", 0L, "c-third", 120L));
        }
    }

    @Test
    void inOneThreadTheCommentPostedFirstIsTheOriginalWhateverTheOrderOfArrival() {
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(article("a-1"));
            pipe(tg, "c-copy", "a-1", Duration.ofSeconds(66), Duration.ofMinutes(5));
            pipe(tg, "c-first", "a-1", Duration.ZERO, Duration.ofMinutes(6));
            pipe(tg, "c-third", "a-1", Duration.ofSeconds(100), Duration.ofMinutes(7));

            Map<String, Verdict> v = verdicts(tg);

            assertThat(v.get("c-copy").flags()).doesNotContain(Flag.DUPLICATE);
            assertThat(v.get("c-first").flags()).doesNotContain(Flag.DUPLICATE);
            assertThat(v.get("c-first").reasons()).noneMatch(r -> r.contains("c-copy"));
            assertThat(v.get("c-third").duplicateOf()).isEqualTo("c-first");
            assertThat(v.get("c-third").reasons())
                    .contains("duplicate: same text as c-first by the same author, posted 100 seconds earlier");
            assertReasonsMatchPostingTimes(v, Map.of("c-copy", 66L, "c-first", 0L, "c-third", 100L));
        }
    }

    /** Every verdict that names an original names one posted no later than the comment itself. */
    private static void assertReasonsMatchPostingTimes(Map<String, Verdict> verdicts, Map<String, Long> postedAt) {
        verdicts.forEach((id, verdict) -> {
            if (verdict.duplicateOf() != null) {
                assertThat(postedAt.get(verdict.duplicateOf())).as("%s names %s", id, verdict.duplicateOf())
                        .isLessThanOrEqualTo(postedAt.get(id));
            }
        });
    }
}
