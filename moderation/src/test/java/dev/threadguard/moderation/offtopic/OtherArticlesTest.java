package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Article;
import dev.threadguard.moderation.text.TextNormalizer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recent articles a comment may be closer to than to its own, with the shipped static vectors. */
class OtherArticlesTest {
    private static final Article PENSIONS = article("pensions", "Parliament raises the state retirement age to 64",
            "Lawmakers voted to raise the pension age after an all-night debate; unions promised strikes.");
    private static final Article FOOTBALL = article("football", "United beat City 3-1 in the derby",
            "Two second-half goals from the striker sealed the win; the goalkeeper saved a penalty.");
    private static final Article BAKING = article("baking", "How to bake sourdough bread at home",
            "Feed the starter, knead the dough, let it rise overnight and bake it in a hot oven.");

    private final StaticTextVectors model = new StaticTextVectors();
    /** Room for one article vector only: the kept articles must not depend on this cache. */
    private final EmbeddingCache vectors = new EmbeddingCache(model, 100, 1);

    private static Article article(String id, String title, String body) {
        return new Article(id, title, body, null, Instant.EPOCH, List.of());
    }

    private float[] comment(String text) {
        return model.vector(TextNormalizer.analyzable(text));
    }

    private static final String ABOUT_THE_MATCH = "What a goal from the striker, and the penalty save won us the derby.";

    @Test
    void theClosestIsAnotherArticleNeverTheOwnOne() {
        OtherArticles others = new OtherArticles(10);
        List.of(PENSIONS, FOOTBALL, BAKING).forEach(others::note);

        assertThat(others.closest(vectors, comment(ABOUT_THE_MATCH), "pensions").article()).isEqualTo(FOOTBALL);
        OtherArticles.Closest underTheMatch = others.closest(vectors, comment(ABOUT_THE_MATCH), "football");
        assertThat(underTheMatch.article()).isNotEqualTo(FOOTBALL);
        assertThat(underTheMatch.similarity()).isBetween(-1.0, 1.0);
    }

    @Test
    void theSimilarityOfTheClosestIsBitForBitTheDotProductOfTheTwoVectors() {
        // 100: four articles per pass throughout; 98: two left over, scored one by one.
        for (int capacity : new int[] {OtherArticles.RECENT, OtherArticles.RECENT - 2}) {
            closestIsBitForBitTheDotProduct(capacity);
        }
    }

    private void closestIsBitForBitTheDotProduct(int capacity) {
        OtherArticles others = new OtherArticles(capacity);
        java.util.Random random = new java.util.Random(7);
        String[] words = ("goal striker penalty pension strike union dough oven starter vote debate match city "
                + "bread retirement age lawmakers season coach bake rise knead parliament").split(" ");
        java.util.List<Article> kept = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            StringBuilder body = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                body.append(words[random.nextInt(words.length)]).append(' ');
            }
            Article a = article("a-" + i, "Story " + i, body.toString());
            others.note(a);
            kept.add(a);
        }
        List<Article> recent = kept.subList(kept.size() - capacity, kept.size());
        EmbeddingCache all = new EmbeddingCache(model, 100, 200);
        for (String text : List.of(ABOUT_THE_MATCH, "The oven and the starter", "Unions will strike over the age")) {
            float[] c = comment(text);
            String own = recent.get(random.nextInt(recent.size())).articleId();
            Article best = null;
            double bestSimilarity = Double.NEGATIVE_INFINITY;
            for (Article a : recent) {
                float[] v = all.article(a);
                double sim = v == null || a.articleId().equals(own) ? Double.NEGATIVE_INFINITY : TextVectors.similarity(c, v);
                if (sim > bestSimilarity) {
                    best = a;
                    bestSimilarity = sim;
                }
            }
            OtherArticles.Closest closest = others.closest(all, c, own);
            assertThat(closest.article()).isEqualTo(best);
            assertThat(Double.doubleToLongBits(closest.similarity())).isEqualTo(Double.doubleToLongBits(bestSimilarity));
        }
    }

    @Test
    void withOnlyItsOwnArticleThereIsNothingToCompareWith() {
        OtherArticles others = new OtherArticles(10);
        assertThat(others.closest(vectors, comment(ABOUT_THE_MATCH), "pensions")).isNull();
        others.note(PENSIONS);
        assertThat(others.closest(vectors, comment(ABOUT_THE_MATCH), "pensions")).isNull();
    }

    @Test
    void keepsTheArticlesFirstSeenMostRecentlyDroppingTheOldest() {
        OtherArticles others = new OtherArticles(2);
        others.note(FOOTBALL);
        others.note(BAKING);
        others.note(FOOTBALL); // seen again as it was: keeps its place
        others.note(PENSIONS);

        assertThat(others.size()).isEqualTo(2);
        assertThat(others.closest(vectors, comment(ABOUT_THE_MATCH), "other").article()).isNotEqualTo(FOOTBALL);
    }

    @Test
    void aNewVersionOfAnArticleIsComparedByItsNewText() {
        OtherArticles others = new OtherArticles(10);
        others.note(PENSIONS);
        others.note(FOOTBALL);
        assertThat(others.closest(vectors, comment(ABOUT_THE_MATCH), "x").article()).isEqualTo(FOOTBALL);

        others.note(article("football", BAKING.title(), BAKING.body()));

        assertThat(others.size()).isEqualTo(2);
        assertThat(others.closest(vectors, comment(ABOUT_THE_MATCH), "x").article().title()).isNotEqualTo(FOOTBALL.title());
    }

    @Test
    void aDeletedArticleIsForgotten() {
        OtherArticles others = new OtherArticles(10);
        others.note(FOOTBALL);
        others.note(BAKING);
        others.forget("football");
        others.forget("never-seen");

        assertThat(others.size()).isEqualTo(1);
        assertThat(others.closest(vectors, comment(ABOUT_THE_MATCH), "x").article()).isEqualTo(BAKING);
    }

    @Test
    void eachArticleIsEmbeddedOnceWhateverTheCacheKeeps() {
        OtherArticles others = new OtherArticles(10);
        List.of(PENSIONS, FOOTBALL, BAKING).forEach(others::note);
        for (int i = 0; i < 5; i++) {
            others.closest(vectors, comment(ABOUT_THE_MATCH), "none");
        }
        assertThat(vectors.articlesEmbedded()).isEqualTo(3);
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new OtherArticles(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
