package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.support.SupportRequestDetector;
import dev.threadguard.moderation.text.TextProfiler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffTopicDetectorTest {
    private static final double THRESHOLD = 0.5;

    private static final Article BIKE_LANES = TestArticles.BIKE_LANES;
    private static final Article LAPTOP_UPDATE = TestArticles.LAPTOP_UPDATE;

    private final TextProfiler profiler = new TextProfiler(1000);
    private final OffTopicDetector detector = new OffTopicDetector(profiler, 30, 10);
    private final SupportRequestDetector support = new SupportRequestDetector();

    private static Comment c(String id, String parentId, String body) {
        return new Comment(id, "a-1", parentId, "Reader " + id, null, body, Instant.EPOCH);
    }

    private OffTopicFinding judge(Comment comment, Article article, Comment parent, List<Comment> earlier) {
        return detector.detect(comment, article, parent, earlier, support.detect(comment).cueScore());
    }

    @Test
    void aCommentAboutTheArticleIsOnTopic() {
        OffTopicFinding f = judge(c("c-1", null, "Separated bike lanes will make cycling to the station far safer; losing some parking is worth it."),
                BIKE_LANES, null, List.of());
        assertThat(f.score()).isLessThan(THRESHOLD);
        assertThat(f.relatedness()).isGreaterThan(0.3);
    }

    @Test
    void aCommentOnAnUnrelatedSubjectIsOffTopic() {
        OffTopicFinding f = judge(c("c-1", null, "My grandmother's lemon cake recipe needs three eggs, a cup of sugar and fresh butter; "
                + "bake it for forty minutes and dust it with icing."), BIKE_LANES, null, List.of());
        assertThat(f.score()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(f.reason()).contains("not the subject of the article").contains("\"butter\"");
    }

    @Test
    void aShortReplyIsNotFlaggedOnItsOwnLittleEvidence() {
        Comment parent = c("c-1", null, "Delivery trucks will have nowhere to stop once the lanes are built.");
        OffTopicFinding f = judge(c("c-2", "c-1", "Nope, works fine for me."), BIKE_LANES, parent, List.of(parent));
        assertThat(f.score()).isLessThan(THRESHOLD);
    }

    @Test
    void aReplyIsJudgedAgainstItsParentToo() {
        Comment parent = c("c-1", null, "Off the subject, but is anyone going to the jazz concert in the park on Friday evening?");
        Comment reply = c("c-2", "c-1", "Yes, the jazz concert in the park sold out within an hour, so bring your ticket on Friday.");
        OffTopicFinding withParent = judge(reply, BIKE_LANES, parent, List.of(parent));
        OffTopicFinding withoutParent = judge(reply, BIKE_LANES, null, List.of());
        assertThat(withParent.score()).isLessThan(THRESHOLD);
        assertThat(withParent.score()).isLessThan(withoutParent.score());
    }

    @Test
    void aHelpRequestIsOffTopicUnderAnArticleAboutSomethingElseOnly() {
        Comment help = c("c-1", null, "My laptop will not turn on after the update and the screen stays black. Can anyone help me?");
        OffTopicFinding underBikes = judge(help, BIKE_LANES, null, List.of());
        OffTopicFinding underUpdate = judge(help, LAPTOP_UPDATE, null, List.of());
        assertThat(underBikes.score()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(underBikes.reason()).contains("help request");
        assertThat(underUpdate.score()).isLessThan(THRESHOLD);
    }

    @Test
    void withoutTheArticleTheScoreIsLowAndTheReasonSaysWhy() {
        OffTopicFinding f = judge(c("c-1", null, "Bake the lemon cake for forty minutes."), null, null, List.of());
        assertThat(f.score()).isLessThan(0.2);
        assertThat(f.reason()).contains("article not available");
    }

    @Test
    void scoresStayInTheUnitInterval() {
        for (String body : List.of("", "?", "bicycle", "a b c d e f g h i j k")) {
            double s = judge(c("c-1", null, body), BIKE_LANES, null, List.of()).score();
            assertThat(s).as(body).isBetween(0.0, 1.0);
        }
    }

    @Test
    void aReasonIsWrittenOnlyFromTheRequestedScoreUpAndTheScoreIsTheSame() {
        Comment cake = c("c-1", null, "My grandmother's lemon cake recipe needs three eggs, a cup of sugar and fresh butter; "
                + "bake it for forty minutes and dust it with icing.");
        OffTopicFinding always = detector.detect(cake, BIKE_LANES, null, List.of(), 0.0);
        OffTopicFinding above = detector.detect(cake, BIKE_LANES, null, List.of(), 0.0, always.score());
        OffTopicFinding below = detector.detect(cake, BIKE_LANES, null, List.of(), 0.0, Math.nextUp(always.score()));
        assertThat(above).isEqualTo(always);
        assertThat(below.score()).isEqualTo(always.score());
        assertThat(below.relatedness()).isEqualTo(always.relatedness());
        assertThat(below.reason()).isNull();
    }

    @Test
    void anEditedArticleIsAnalysedAgain() {
        Comment help = c("c-1", null, "My laptop will not turn on after the update and the screen stays black. Can anyone help me?");
        double underBikes = judge(help, BIKE_LANES, null, List.of()).score();
        Article sameIdNewText = new Article(BIKE_LANES.articleId(), LAPTOP_UPDATE.title(), LAPTOP_UPDATE.body(), null,
                Instant.EPOCH, LAPTOP_UPDATE.tags());
        assertThat(judge(help, sameIdNewText, null, List.of()).score()).isLessThan(THRESHOLD).isLessThan(underBikes);
        assertThat(judge(help, BIKE_LANES, null, List.of()).score()).isEqualTo(underBikes);
    }

    @Test
    void aBareLinkToARelatedSourceIsACitationAndAnyOtherBareLinkIsAdvertising() {
        OffTopicFinding source = judge(c("c-1", null, "https://news.example.org/2024/main-street-bicycle-lanes-council-vote.html"),
                BIKE_LANES, null, List.of());
        assertThat(source.score()).isLessThan(THRESHOLD);
        // The same subject in a shop's address, an unrelated address and an opaque one stay advertising.
        for (String link : List.of("https://bicycle-lanes-gear.example/shop/main-street", "https://www.lemon-cake-recipes.example/grandma",
                "http://bit.ly/x7Yz3Q")) {
            OffTopicFinding f = judge(c("c-2", null, link), BIKE_LANES, null, List.of());
            assertThat(f.score()).as(link).isEqualTo(OffTopicDetector.PROMOTION_SCORE);
            assertThat(f.reason()).as(link).contains("a bare link");
        }
    }

    @Test
    void aLinksWordsAreJudgedOnceAndAWordStartingWithDotIsNoSpeltOutAddress() {
        // "microsoft dotnet" once read as a spelt-out address ("x dot net"): the link's words were a bare link
        // again, judged again, for ever.
        for (String link : List.of("https://devblogs.microsoft.com/dotnet/announcing-dotnet-8",
                "https://news.example.org/2024/dotnet-8-released-microsoft.html")) {
            OffTopicFinding f = judge(c("c-1", null, link), LAPTOP_UPDATE, null, List.of());
            assertThat(f.score()).as(link).isBetween(0.0, 1.0);
        }
        assertThat(judge(c("c-2", null, "Microsoft dotnet runs fine after the update"), LAPTOP_UPDATE, null, List.of())
                .score()).isLessThan(OffTopicDetector.PROMOTION_SCORE);
    }
}
