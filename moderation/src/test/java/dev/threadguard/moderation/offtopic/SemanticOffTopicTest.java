package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.support.SupportRequestDetector;
import dev.threadguard.moderation.text.TextProfiler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The off-topic detector with the real sentence-embedding model (loaded once per test JVM). */
class SemanticOffTopicTest {
    private static final double THRESHOLD = 0.5;

    private static final Article BIKE_LANES = TestArticles.BIKE_LANES;
    private static final Article LAPTOP_UPDATE = TestArticles.LAPTOP_UPDATE;

    /** A paraphrase of the bike-lane story that shares no content word with it. */
    private static final String PARAPHRASE = "Finally some dedicated paths for bikes downtown, so riders can get to the office "
            + "without dodging cars and trucks every morning.";
    private static final String RECIPE = "My grandmother's lemon cake recipe needs three eggs, a cup of sugar and fresh butter; "
            + "bake it for forty minutes and dust it with icing.";

    private final TextProfiler profiler = new TextProfiler(1000);
    private final SupportRequestDetector support = new SupportRequestDetector();
    private final CountingEmbedder embedder = new CountingEmbedder();
    private final EmbeddingCache cache = new EmbeddingCache(embedder, 1000, 10);
    private final OffTopicDetector semantic = new OffTopicDetector(profiler, 30, 10, new SemanticCheck(cache, 0.3, 1.0, 0.5, 0.15));
    private final OffTopicDetector lexical = new OffTopicDetector(profiler, 30, 10);

    private static Comment c(String id, String parentId, String body) {
        return new Comment(id, "a-1", parentId, "Reader " + id, null, body, Instant.EPOCH);
    }

    private OffTopicFinding judge(OffTopicDetector detector, Comment comment, Article article, Comment parent, List<Comment> earlier) {
        return detector.detect(comment, article, parent, earlier, support.detect(comment).cueScore());
    }

    @Test
    void aParaphraseWithoutSharedWordsIsOnTopicByMeaning() {
        Comment comment = c("c-1", null, PARAPHRASE);
        OffTopicFinding byWords = judge(lexical, comment, BIKE_LANES, null, List.of());
        OffTopicFinding byMeaning = judge(semantic, comment, BIKE_LANES, null, List.of());
        assertThat(byWords.score()).as("words alone find nothing in common").isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(byMeaning.score()).isLessThan(THRESHOLD);
        assertThat(byMeaning.reason()).contains("related enough to the article").contains("(article)");
    }

    @Test
    void anUnrelatedCommentIsOffTopicAndTheReasonGivesTheSimilarities() {
        OffTopicFinding f = judge(semantic, c("c-1", null, RECIPE), BIKE_LANES, null, List.of());
        assertThat(f.score()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(f.reason()).startsWith("about ").contains("not the subject of the article (\"Council approves")
                .contains("semantic similarity").contains("(article)").doesNotContain("shared:").contains("\"butter\"");
    }

    @Test
    void anUnrelatedReplyIsComparedWithItsParentAndTheThread() {
        Comment first = c("c-1", null, "Shop owners on Main Street will lose the customers who used to park in front of their doors.");
        Comment second = c("c-2", null, "The train station end of the street badly needs safer crossings for people on bikes.");
        Comment reply = c("c-3", "c-1", RECIPE);
        OffTopicFinding f = judge(semantic, reply, BIKE_LANES, first, List.of(first, second));
        assertThat(f.score()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(f.reason()).contains("(parent)").contains("(thread)");
    }

    @Test
    void theCacheEmbedsAParentOnceForAllItsReplies() {
        Comment parent = c("c-1", null, "Honestly the lemon drizzle at the corner bakery beats any cake I have ever baked at home.");
        Comment reply1 = c("c-2", "c-1", "Their sourdough is great too, though the queue on Saturday mornings is far too long for me.");
        Comment reply2 = c("c-3", "c-1", "Try the almond croissants from the same bakery, they sell out before nine most days.");
        judge(semantic, reply1, BIKE_LANES, parent, List.of(parent));
        judge(semantic, reply2, BIKE_LANES, parent, List.of(parent, reply1));
        assertThat(embedder.timesEmbedded(parent.fullText())).isEqualTo(1);
        assertThat(embedder.timesEmbedded(reply1.fullText())).as("embedded as a reply, reused as thread context").isEqualTo(1);
        assertThat(cache.articlesEmbedded()).isEqualTo(1);
        assertThat(cache.commentsEmbedded()).isEqualTo(embedder.calls() - cache.articlesEmbedded());
    }

    @Test
    void aShortReplyIsNeitherEmbeddedNorFlagged() {
        Comment parent = c("c-1", null, "Delivery trucks will have nowhere to stop once the lanes are built.");
        OffTopicFinding f = judge(semantic, c("c-2", "c-1", "Nope, works fine for me."), BIKE_LANES, parent, List.of(parent));
        assertThat(f.score()).isLessThan(THRESHOLD);
        assertThat(embedder.calls()).isZero();
    }

    @Test
    void aCommentThatSharesItsWordsIsNotEmbedded() {
        OffTopicFinding f = judge(semantic, c("c-1", null, "Separated bike lanes will make cycling to the station far safer; "
                + "losing some parking is worth it."), BIKE_LANES, null, List.of());
        assertThat(f.score()).isLessThan(THRESHOLD);
        assertThat(embedder.calls()).isZero();
    }

    @Test
    void aHelpRequestIsOffTopicUnderAnArticleAboutSomethingElseOnly() {
        Comment help = c("c-1", null, "My laptop will not turn on after the update and the screen stays black. Can anyone help me?");
        OffTopicFinding underBikes = judge(semantic, help, BIKE_LANES, null, List.of());
        OffTopicFinding underUpdate = judge(semantic, help, LAPTOP_UPDATE, null, List.of());
        assertThat(underBikes.score()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(underBikes.reason()).contains("help request").contains("semantic similarity");
        assertThat(underUpdate.score()).isLessThan(THRESHOLD);
    }

    @Test
    void whenTheModelFailsTheWordsDecideAndTheDetectorGoesOn() {
        SentenceEmbedder broken = new SentenceEmbedder() {
            @Override
            public float[] embed(String text) {
                throw new IllegalStateException("native library missing");
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        OffTopicDetector withBroken = new OffTopicDetector(profiler, 30, 10,
                new SemanticCheck(new EmbeddingCache(broken, 100, 10), 0.3, 1.0, 0.5, 0.15));
        Comment comment = c("c-1", null, RECIPE);
        OffTopicFinding f = judge(withBroken, comment, BIKE_LANES, null, List.of());
        assertThat(f).isEqualTo(judge(lexical, comment, BIKE_LANES, null, List.of()));
    }
}
