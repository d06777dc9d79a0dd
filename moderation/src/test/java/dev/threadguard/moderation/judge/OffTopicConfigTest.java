package dev.threadguard.moderation.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.offtopic.OffTopicVectors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The off-topic detector's semantic settings: defaults, environment, and the off switch. */
class OffTopicConfigTest {
    private static final Instant NOW = Instant.parse("2026-11-02T12:00:00Z");
    private static final Article ARTICLE = new Article("a-1", "Council approves protected bicycle lanes on Main Street",
            "The city council voted to build protected bicycle lanes along Main Street, replacing a row of parking between "
                    + "the river bridge and the train station. Cycling groups say commuting will be safer.",
            null, Instant.EPOCH, List.of("Transport"));

    @Test
    void embeddingsAreOnByDefaultWithRoundThresholds() {
        DetectorConfig d = DetectorConfig.defaults();
        assertThat(d.offTopicEmbeddings()).isTrue();
        assertThat(d.offTopicUncertainFrom()).isEqualTo(0.0);
        assertThat(d.offTopicUncertainTo()).isEqualTo(1.0);
        assertThat(d.offTopicSimilarityThreshold()).isEqualTo(0.15);
        assertThat(d.embeddingCacheSize()).isEqualTo(10_000);
    }

    @Test
    void readsTheSemanticSettingsFromTheEnvironment() {
        DetectorConfig d = DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_EMBEDDINGS", "Off",
                "OFF_TOPIC_UNCERTAIN_FROM", "0.2", "OFF_TOPIC_UNCERTAIN_TO", "0.8",
                "OFF_TOPIC_SIMILARITY_THRESHOLD", "0.2", "DETECTOR_EMBEDDING_CACHE_SIZE", "500")));
        assertThat(d.offTopicEmbeddings()).isFalse();
        assertThat(d.offTopicUncertainFrom()).isEqualTo(0.2);
        assertThat(d.offTopicUncertainTo()).isEqualTo(0.8);
        assertThat(d.offTopicSimilarityThreshold()).isEqualTo(0.2);
        assertThat(d.embeddingCacheSize()).isEqualTo(500);
        assertThat(DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_EMBEDDINGS", "yes"))).offTopicEmbeddings()).isTrue();
    }

    @Test
    void hybridByDefaultAndOneKindOfVectorsOnRequest() {
        assertThat(DetectorConfig.defaults().offTopicVectors()).isEqualTo(OffTopicVectors.HYBRID);
        assertThat(DetectorConfig.defaults().offTopicHybridFrom()).isEqualTo(0.06);
        assertThat(DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_HYBRID_FROM", "0.3"))).offTopicHybridFrom()).isEqualTo(0.3);
        assertThatThrownBy(() -> DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_HYBRID_FROM", "2"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OFF_TOPIC_HYBRID_FROM");
        assertThat(new CommentJudge(DetectorConfig.defaults()).offTopic().semantic()).hasValueSatisfying(s -> {
            assertThat(s.embeddings().embedder().name()).isEqualTo("minilm-static");
            assertThat(s.transformer().embedder().name()).isEqualTo("all-MiniLM-L6-v2-q");
            assertThat(s.transformerFrom()).isEqualTo(0.06);
        });
        assertThat(DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_VECTORS", "minilm"))).offTopicVectors())
                .isEqualTo(OffTopicVectors.MINILM);
        assertThat(new CommentJudge(DetectorConfig.defaults().withOffTopicVectors(OffTopicVectors.MINILM)).offTopic()
                .semantic().orElseThrow().transformer()).as("one kind of vectors: no second stage").isNull();
        assertThat(DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_VECTORS", "Static"))).offTopicVectors())
                .isEqualTo(OffTopicVectors.STATIC);
        assertThatThrownBy(() -> DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_VECTORS", "bert"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OFF_TOPIC_VECTORS").hasMessageContaining("bert");
        assertThat(new CommentJudge(DetectorConfig.defaults().withOffTopicVectors(OffTopicVectors.STATIC)).offTopic()
                .semantic().orElseThrow().embeddings().embedder().name()).isEqualTo("minilm-static");
    }

    @Test
    void rejectsBadSemanticSettingsNamingTheVariable() {
        assertThatThrownBy(() -> DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_EMBEDDINGS", "sometimes"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OFF_TOPIC_EMBEDDINGS").hasMessageContaining("sometimes");
        assertThatThrownBy(() -> DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_UNCERTAIN_FROM", "0.7", "OFF_TOPIC_UNCERTAIN_TO", "0.4"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OFF_TOPIC_UNCERTAIN_FROM").hasMessageContaining("OFF_TOPIC_UNCERTAIN_TO");
        assertThatThrownBy(() -> DetectorConfig.fromEnv(new Env(Map.of("OFF_TOPIC_SIMILARITY_THRESHOLD", "-0.1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OFF_TOPIC_SIMILARITY_THRESHOLD");
    }

    @Test
    void withEmbeddingsOffTheWordsAloneJudgeAndNothingIsEmbedded() {
        CommentJudge judge = new CommentJudge(DetectorConfig.defaults().withOffTopicEmbeddings(false));
        Comment recipe = new Comment("c-1", "a-1", null, "Reader", null, "My grandmother's lemon cake recipe needs three eggs, "
                + "a cup of sugar and fresh butter; bake it for forty minutes and dust it with icing.", Instant.EPOCH);
        Verdict v = judge.judge(recipe, new ThreadContext(ARTICLE, null, List.of()), NOW);
        assertThat(judge.offTopic().semantic()).isEmpty();
        assertThat(v.flags()).contains(Flag.OFF_TOPIC);
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("off topic: about ") && r.contains("not the subject of the article"))
                .noneMatch(r -> r.contains("semantic"));
        assertThat(v.detectorVersion()).isEqualTo(CommentJudge.VERSION);
    }

    @Test
    void withMiniLmTheJudgeCountsWhatItEmbeds() {
        // MiniLM for every comment (not the default): the judge counts each text it embeds once.
        CommentJudge judge = new CommentJudge(DetectorConfig.defaults().withOffTopicVectors(OffTopicVectors.MINILM));
        Comment recipe = new Comment("c-1", "a-1", null, "Reader", null, "My grandmother's lemon cake recipe needs three eggs, "
                + "a cup of sugar and fresh butter; bake it for forty minutes and dust it with icing.", Instant.EPOCH);
        Verdict v = judge.judge(recipe, new ThreadContext(ARTICLE, null, List.of()), NOW);
        assertThat(v.flags()).contains(Flag.OFF_TOPIC);
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("off topic: about ") && r.contains("semantic similarity"));
        assertThat(judge.offTopic().semantic()).hasValueSatisfying(s -> {
            assertThat(s.embeddings().commentsEmbedded()).isEqualTo(1);
            assertThat(s.embeddings().articlesEmbedded()).isEqualTo(1);
        });
    }
}
