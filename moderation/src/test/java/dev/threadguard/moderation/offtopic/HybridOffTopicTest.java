package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.support.SupportRequestDetector;
import dev.threadguard.moderation.text.TextProfiler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hybrid check (the default): static vectors for every comment, the MiniLM transformer only for those the static
 * score does not find plainly on-topic. Real models on both sides.
 */
class HybridOffTopicTest {
    private static final double THRESHOLD = 0.5;
    private static final double HYBRID_FROM = 0.1;
    private static final Article BIKE_LANES = TestArticles.BIKE_LANES;

    private final TextProfiler profiler = new TextProfiler(1000);
    private final SupportRequestDetector support = new SupportRequestDetector();
    private final CountingEmbedder transformer = new CountingEmbedder();
    private final EmbeddingCache staticCache = new EmbeddingCache(new StaticTextVectors(), 1000, 10);
    private final EmbeddingCache transformerCache = new EmbeddingCache(transformer, 1000, 10);
    private final OffTopicDetector hybrid = new OffTopicDetector(profiler, 30, 10,
            new SemanticCheck(staticCache, 0, 1, 0.5, 0.15, transformerCache, HYBRID_FROM));

    private static Comment c(String id, String parentId, String body) {
        return new Comment(id, "a-1", parentId, "Reader " + id, null, body, Instant.EPOCH);
    }

    private OffTopicFinding judge(Comment comment, Comment parent, List<Comment> earlier) {
        return hybrid.detect(comment, BIKE_LANES, parent, earlier, support.detect(comment).cueScore());
    }

    @Test
    void aCommentSharingTheArticlesSubjectNeverReachesTheTransformer() {
        Comment onTopic = c("c-1", null, "Protected bicycle lanes on Main Street are overdue: the parking row between the "
                + "bridge and the station is half empty anyway, and commuting by bike there is dangerous today.");
        OffTopicFinding f = judge(onTopic, null, List.of());
        assertThat(f.score()).isLessThan(HYBRID_FROM);
        assertThat(transformer.calls()).as("the static score settles it").isZero();
        assertThat(staticCache.commentsEmbedded()).isEqualTo(1);
    }

    @Test
    void anUnrelatedCommentIsJudgedAgainByTheTransformerWhichDecides() {
        Comment recipe = c("c-1", null, "My grandmother's lemon cake recipe needs three eggs, a cup of sugar and fresh "
                + "butter; bake it for forty minutes and dust it with icing.");
        OffTopicFinding f = judge(recipe, null, List.of());
        assertThat(f.score()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(transformer.timesEmbedded(recipe.fullText())).isEqualTo(1);
        assertThat(transformerCache.articlesEmbedded()).isEqualTo(1);
        assertThat(f.reason()).contains("semantic similarity");
    }

    @Test
    void aParaphraseWithoutSharedWordsIsClearedByTheTransformer() {
        // Shares no content word with the article: words and static vectors leave it in doubt, MiniLM recognises it.
        Comment paraphrase = c("c-1", null, "Finally some dedicated paths for bikes downtown, so riders can get to the "
                + "office without dodging cars and trucks every morning.");
        OffTopicFinding f = judge(paraphrase, null, List.of());
        assertThat(transformer.calls()).isPositive();
        assertThat(f.score()).isLessThan(THRESHOLD);
    }

    @Test
    void theBandIsValidated() {
        assertThatThrownBy(() -> new SemanticCheck(staticCache, 0, 1, 0.5, 0.15, transformerCache, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transformerFrom");
    }
}
