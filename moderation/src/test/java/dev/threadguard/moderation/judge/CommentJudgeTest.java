package dev.threadguard.moderation.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.SampleThread;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.offtopic.OffTopicVectors;
import dev.threadguard.moderation.support.LinearSupportModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CommentJudgeTest {
    private static final Instant NOW = Instant.parse("2026-11-02T12:00:00Z");
    private static Map<String, Verdict> sample;

    /** Runs the product's sample thread through the judge the way the topology does: article, parent, earlier comments. */
    @BeforeAll
    static void judgeTheSampleThread() {
        CommentJudge judge = new CommentJudge(DetectorConfig.defaults());
        Map<String, Article> articles = new HashMap<>();
        Map<String, Comment> byId = new HashMap<>();
        List<Comment> earlier = new ArrayList<>();
        sample = new LinkedHashMap<>();
        for (Event e : SampleThread.events()) {
            if (e instanceof Article a) {
                articles.put(a.articleId(), a);
            } else if (e instanceof Comment c) {
                Comment parent = c.parentId() == null ? null : byId.get(c.parentId());
                sample.put(c.commentId(), judge.judge(c, new ThreadContext(articles.get(c.articleId()), parent, earlier), NOW));
                byId.put(c.commentId(), c);
                earlier.add(c);
            }
        }
    }

    @Test
    void theRepostIsADuplicateOfTheFirstPost() {
        Verdict v = sample.get("c-02");
        assertThat(v.flags()).containsExactly(Flag.DUPLICATE);
        assertThat(v.duplicateOf()).isEqualTo("c-01");
        assertThat(v.reasons()).anyMatch(r -> r.contains("same text as c-01 by the same author, posted 40 seconds earlier"));
    }

    @Test
    void theHelpRequestIsASupportRequestAndOffTopic() {
        Verdict v = sample.get("c-11");
        assertThat(v.flags()).containsExactlyInAnyOrder(Flag.SUPPORT_REQUEST, Flag.OFF_TOPIC);
        assertThat(v.duplicateOf()).isNull();
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("support request: asks for help"));
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("off topic:"));
    }

    @Test
    void nothingElseIsFlagged() {
        sample.forEach((id, v) -> {
            switch (id) {
                case "c-02", "c-11" -> { }
                // a gripe about a feature of the product the article is about: either verdict is acceptable
                case "c-05" -> assertThat(v.flags()).as(id).isSubsetOf(Set.of(Flag.OFF_TOPIC));
                default -> assertThat(v.flags()).as(id).isEmpty();
            }
        });
        assertThat(sample).hasSize(11);
    }

    @Test
    void theShortReplyIsJudgedWithItsParentAndNotOffTopic() {
        Verdict v = sample.get("c-08");
        assertThat(v.flags()).isEmpty();
        assertThat(v.scores().get("offTopic")).isLessThan(DetectorConfig.defaults().offTopicThreshold());
    }

    @Test
    void everyVerdictCarriesAllScoresTheVersionAndTheTime() {
        for (Verdict v : sample.values()) {
            assertThat(v.scores()).containsOnlyKeys("duplicate", "offTopic", "supportRequest");
            assertThat(v.scores().values()).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
            assertThat(v.detectorVersion()).isEqualTo(CommentJudge.VERSION);
            assertThat(v.judgedAt()).isEqualTo(NOW);
            assertThat(v.flags().size()).isLessThanOrEqualTo(v.reasons().size());
        }
    }

    @Test
    void thresholdsComeFromTheConfig() {
        // with every threshold at 1.0 only certain findings remain: the exact repost by its author scores 1.0
        CommentJudge strict = new CommentJudge(new DetectorConfig(1.0, 1.0, 1.0));
        Comment first = new Comment("x-1", "a", null, "Kim", null, "Same words", Instant.EPOCH);
        Comment again = new Comment("x-2", "a", null, "Kim", null, "same words!", Instant.EPOCH.plusSeconds(5));
        Verdict v = strict.judge(again, new ThreadContext(null, null, List.of(first)), NOW);
        assertThat(v.flags()).containsExactly(Flag.DUPLICATE);
        Verdict lenient = new CommentJudge(new DetectorConfig(0.9, 0.0, 0.0)).judge(again, new ThreadContext(null, null, List.of(first)), NOW);
        assertThat(lenient.flags()).contains(Flag.OFF_TOPIC, Flag.SUPPORT_REQUEST);
    }

    /**
     * The verdict's support score is the shipped model's, with the meaning it was trained with, whichever vectors the
     * off-topic check uses: the judge hands the model the comment's static vector from its own cache.
     */
    @Test
    void theSupportScoreIsTheShippedModelsWithMeaningInEveryConfiguration() {
        LinearSupportModel shipped = LinearSupportModel.bundled();
        for (DetectorConfig config : List.of(DetectorConfig.defaults(), DetectorConfig.defaults().withOffTopicEmbeddings(false),
                DetectorConfig.defaults().withOffTopicVectors(OffTopicVectors.STATIC))) {
            CommentJudge judge = new CommentJudge(config);
            Map<String, Article> articles = new HashMap<>();
            List<Comment> earlier = new ArrayList<>();
            int judged = 0;
            for (Event e : SampleThread.events()) {
                if (e instanceof Article a) {
                    articles.put(a.articleId(), a);
                } else if (e instanceof Comment c) {
                    Verdict v = judge.judge(c, new ThreadContext(articles.get(c.articleId()), null, earlier), NOW);
                    // Verdicts carry scores to three decimals.
                    assertThat(v.scores().get(Flag.SUPPORT_REQUEST.scoreKey())).as("%s, %s", c.commentId(), config)
                            .isCloseTo(shipped.assess(c.fullText()).score(), within(0.0005));
                    earlier.add(c);
                    judged++;
                }
            }
            assertThat(judged).isGreaterThan(5);
        }
    }
}
