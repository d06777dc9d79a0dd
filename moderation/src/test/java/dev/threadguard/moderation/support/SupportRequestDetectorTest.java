package dev.threadguard.moderation.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Comment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invented texts, none of them in the training data, judged by the shipped learnt model. */
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
                "Every time I open my email app it crashes. Would appreciate any advice, thanks in advance.",
                "My e-reader freezes on the home screen whenever I plug it in. Does anybody know a fix?",
                "Somebody please help, my smart thermostat lost its connection and the app says device offline.");
        for (String text : requests) {
            assertThat(judge(null, text).score()).as(text).isGreaterThan(0.5);
        }
    }

    @Test
    void rhetoricalQuestionsComplaintsAnswersAndQuestionsAboutTheArticleScoreLow() {
        List<String> others = List.of(
                "Who cares what the minister thinks? Nobody asked for this bridge.",
                "My phone has been slow ever since I bought it. Typical of this brand.",
                "Does the author really believe the budget will balance itself?",
                "How can anyone vote for this plan after last year's mess?",
                "Great article, the section on river pollution was eye opening.",
                "Have you tried a different power adapter? Mine had the same fault and a new one fixed it.",
                "Can anyone recommend a quiet hotel near the old harbour for a weekend?");
        for (String text : others) {
            assertThat(judge(null, text).score()).as(text).isLessThan(0.5);
        }
    }

    @Test
    void theReasonNamesThePhrasesThatWeighedMost() {
        SupportFinding f = judge(null, "My computer got a major slow down after the update. Can someone help me please?");
        assertThat(f.score()).isGreaterThan(0.9);
        assertThat(f.reason())
                .startsWith("asks for help: ")
                .contains("\"help me\"")
                .contains("own device: \"my computer\"")
                .contains("symptom: \"slow down\"");
    }

    @Test
    void theReasonNamesTheStrongestCueAgainst() {
        SupportFinding f = judge(null, "What's not working? My phone syncs fine with my laptop and my tablet.");
        assertThat(f.reason()).contains("against: \"whats not working\" (answers or asks someone else)");
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
