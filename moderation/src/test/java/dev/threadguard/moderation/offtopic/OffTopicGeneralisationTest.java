package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.support.SupportRequestDetector;
import dev.threadguard.moderation.text.TextProfiler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, kind 7 and other languages, with the real sentence-embedding model: transplanted practical answers,
 * advertising that borrows the article's words, a reply about a wrong-story comment, comments in other languages.
 * All texts are written for this test.
 */
class OffTopicGeneralisationTest {
    private static final double THRESHOLD = 0.5;

    static final Article PENSIONS = new Article("a-p", "Parliament passes pension reform after all-night session",
            "Lawmakers approved raising the state retirement age from 62 to 64 by a margin of nine votes after a debate "
                    + "that ran through the night. Opposition parties called the vote a betrayal of workers and promised "
                    + "a referendum; unions announced strikes for next week. The finance minister said the reform is required "
                    + "to keep the pension system solvent as the population ages.",
            null, Instant.EPOCH, List.of("Politics"));

    private final TextProfiler profiler = new TextProfiler(1000);
    private final SupportRequestDetector support = new SupportRequestDetector();
    private final OffTopicDetector detector = new OffTopicDetector(profiler, 30, 10,
            new SemanticCheck(new EmbeddingCache(new MiniLmEmbedder(), 1000, 10), 0.0, 1.0, 0.5, 0.15));

    private static Comment c(String id, String parentId, String body) {
        return new Comment(id, "a-p", parentId, "Reader " + id, null, body, Instant.EPOCH);
    }

    private final List<Comment> thread = List.of(
            c("t1", null, "Two more years of work for people in physically hard jobs is cruel; a roofer at 63 is worn out."),
            c("t2", null, "The unions will strike but the votes are counted. The referendum idea is the real fight now."),
            c("t3", null, "Every neighbouring country already retires at 65 or later; the system cannot pay for itself otherwise."));

    private OffTopicFinding judge(Comment comment, Comment parent) {
        return detector.detect(comment, PENSIONS, parent, thread, support.detect(comment).cueScore(), 0.0);
    }

    @Test
    void aPracticalAnswerFromAnotherCommunityIsOffTopicDespiteSharedEverydayWords() {
        OffTopicFinding f = judge(c("x1", null, "A work permit is required before you sign the lease, and the price of the "
                + "residence card went up to 500 riyals. Take two passport photos and the original employment contract "
                + "to the immigration office in the morning."), null);
        assertThat(f.score()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(f.reason()).contains("Parliament passes pension reform");
    }

    @Test
    void aCommentOnTheReformInItsOwnWordsIsOnTopic() {
        OffTopicFinding f = judge(c("x2", null, "My father will now have to wait two extra years for his pension after forty "
                + "years at the factory. The politicians who voted for this will never feel it."), null);
        assertThat(f.score()).isLessThan(THRESHOLD);
    }

    @Test
    void anEarningsPitchThatOpensWithTheArticlesWordsIsOffTopic() {
        OffTopicFinding f = judge(c("x3", null, "Pension reform, wow. Meanwhile my neighbour earns 7,000 dollars a month "
                + "from home on her phone. Find out how at easyincome-today dot example"), null);
        assertThat(f.score()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(f.reason()).contains("advertising").contains("earnings pitch");
    }

    @Test
    void aBareShopLinkIsOffTopic() {
        assertThat(judge(c("x4", null, "https://discount-watches.example/shop"), null).score()).isGreaterThanOrEqualTo(THRESHOLD);
    }

    static final Article DERBY = new Article("a-d", "United beat City 3-1 in a bad-tempered derby",
            "Two second-half goals from the young striker sealed the win after City had led at the break. The "
                    + "goalkeeper saved a penalty in the 70th minute and the referee showed three yellow cards.",
            null, Instant.EPOCH, List.of("Sport"));

    @Test
    void aCommentMeantForAnotherRecentStoryIsOffTopicAndTheReasonNamesThatStory() {
        Comment meantForTheMatch = c("d1", null, "That penalty save changed everything, and the kid up front was "
                + "outstanding after half-time.");
        double alone = judge(meantForTheMatch, null).score();

        detector.noteArticle(DERBY);
        OffTopicFinding f = judge(meantForTheMatch, null);

        assertThat(f.score()).isGreaterThan(alone).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(f.reason()).contains("another recent article").contains("United beat City");
    }

    @Test
    void anotherRecentStoryDoesNotPullAnOnTopicCommentAway() {
        detector.noteArticle(DERBY);
        OffTopicFinding f = judge(c("d2", null, "Raising the retirement age to 64 was inevitable; the unions can "
                + "strike, but the pension system needs the money."), null);
        assertThat(f.score()).isLessThan(THRESHOLD);
        assertThat(f.reason() == null ? "" : f.reason()).doesNotContain("another recent article");
    }

    @Test
    void aReplyPointingOutAWrongStoryCommentIsOnTopicWithItsParent() {
        Comment wrong = c("w1", null, "Does anyone know which clinic in the old town does weekend dental appointments? "
                + "My filling fell out and the usual dentist is closed until Monday.");
        assertThat(judge(wrong, null).score()).as("the wrong-story comment itself").isGreaterThanOrEqualTo(THRESHOLD);
        OffTopicFinding reply = judge(c("w2", "w1", "I think you posted this under the wrong article, this one is about the "
                + "pension vote."), wrong);
        assertThat(reply.score()).isLessThan(THRESHOLD);
    }

    @Test
    void aCommentInAnotherLanguageIsNotJudgedForTopicAndTheReasonSaysSo() {
        OffTopicFinding spanish = judge(c("l1", null, "Subir la edad de jubilación a los 64 años es injusto para quienes "
                + "trabajan en la construcción; los sindicatos tienen razón en convocar la huelga."), null);
        assertThat(spanish.score()).isLessThan(THRESHOLD);
        assertThat(spanish.abstained()).isTrue();
        assertThat(spanish.reason()).contains("another language (es)").contains("no signal compares topics");

        OffTopicFinding japanese = judge(c("l2", null, "年金の支給開始年齢を上げるのは、若い世代にとっても不安だと思う。"), null);
        assertThat(japanese.score()).isLessThan(THRESHOLD);
        assertThat(japanese.reason()).contains("(ja)");
        OffTopicFinding korean = judge(c("l3", null, "연금 개혁은 필요하지만 밤새 표결한 것은 너무 성급했다고 생각합니다."), null);
        assertThat(korean.score()).isLessThan(THRESHOLD);
        OffTopicFinding chinese = judge(c("l4", null, "把退休年龄提高两年，对体力劳动者来说太不公平了。"), null);
        assertThat(chinese.score()).isLessThan(THRESHOLD);
    }

    @Test
    void advertisingInAnotherLanguageIsStillAdvertising() {
        OffTopicFinding f = judge(c("l5", null, "Gana dinero desde casa con solo tu móvil, escríbeme por whatsapp."), null);
        assertThat(f.score()).isGreaterThanOrEqualTo(THRESHOLD);
    }
}
