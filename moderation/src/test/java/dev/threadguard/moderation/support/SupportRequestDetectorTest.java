package dev.threadguard.moderation.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Comment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportRequestDetectorTest {
    private final SupportRequestDetector detector = new SupportRequestDetector();

    private SupportFinding judge(String title, String body) {
        return detector.detect(new Comment("c-1", "a-1", null, "Reader", title, body, Instant.EPOCH));
    }

    @Test
    void personalHelpRequestsScoreHigh() {
        List<String> requests = List.of(
                "My laptop won't turn on since yesterday's update. Any ideas what I can try?",
                "Since I installed the new driver my printer keeps disconnecting from the wifi. Can anyone help?",
                "I'm having a problem with my phone: the battery drains in two hours. How do I fix this?",
                "Every time I open my email app it crashes. Would appreciate any advice, thanks in advance.");
        for (String text : requests) {
            assertThat(judge(null, text).score()).as(text).isGreaterThan(0.7);
        }
    }

    @Test
    void rhetoricalQuestionsComplaintsAndQuestionsAboutTheArticleScoreLow() {
        List<String> others = List.of(
                "Who cares what the minister thinks? Nobody asked for this bridge.",
                "My phone has been slow ever since I bought it. Typical of this brand.",
                "Does the author really believe the budget will balance itself?",
                "How can anyone vote for this plan after last year's mess?",
                "Great article, the section on river pollution was eye opening.");
        for (String text : others) {
            assertThat(judge(null, text).score()).as(text).isLessThan(0.5);
        }
    }

    @Test
    void theReasonNamesThePhrasesThatWeighedMost() {
        SupportFinding f = judge("Help", "My computer got a major slow down after the update. Can someone help me please?");
        assertThat(f.reason())
                .startsWith("asks for help (\"can someone help\"")
                .contains("describes own problem (")
                .contains("\"my computer\"")
                .contains("\"slow down\"");
    }

    @Test
    void anEmptyTextIsNoRequest() {
        assertThat(judge(null, " ").score()).isLessThan(0.05);
        assertThat(judge(null, " ").reason()).isNull();
    }

    @Test
    void theModelIsReplaceable() {
        SupportRequestDetector fixed = new SupportRequestDetector(text -> new SupportAssessment(0.42, List.of()));
        assertThat(fixed.detect(new Comment("c", "a", null, null, null, "anything", null)).score()).isEqualTo(0.42);
    }
}
