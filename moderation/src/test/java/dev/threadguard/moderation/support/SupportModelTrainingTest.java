package dev.threadguard.moderation.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.moderation.support.SupportModelTrainer.Example;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped weights are exactly what training on the shipped examples gives. To retrain after editing the examples
 * in {@code moderation/training/support/}: {@code mvn -B -o -pl moderation test -Dtest=SupportModelTrainingTest
 * -Dsupport.retrain=true} (from the repository root), which rewrites
 * {@code support-model.tsv} (with meaning) and {@code support-cues-model.tsv} (without) in
 * {@code src/main/resources/dev/threadguard/moderation/support/}; or run {@link SupportModelTrainer#main} with the
 * folder and the two files.
 */
class SupportModelTrainingTest {
    private static final Path TRAINING = Path.of("training/support");
    private static final Path SHIPPED = Path.of("src/main/resources/dev/threadguard/moderation/support/"
            + LinearSupportModel.RESOURCE);
    private static final Path SHIPPED_CUES = SHIPPED.resolveSibling(LinearSupportModel.CUES_RESOURCE);

    private static List<Example> examples;
    private static LinearSupportModel trained;
    private static LinearSupportModel trainedCues;

    @BeforeAll
    static void train() throws IOException {
        examples = SupportModelTrainer.load(TRAINING, SupportModelTrainer.SEED);
        trained = SupportModelTrainer.train(examples, SupportModelTrainer.Settings.defaults(), new StaticSupportVectors());
        trainedCues = SupportModelTrainer.train(examples, SupportModelTrainer.Settings.defaults());
        if (Boolean.getBoolean("support.retrain")) {
            SupportModelTrainer.write(trained, SHIPPED, SupportModelTrainer.header(examples, true));
            SupportModelTrainer.write(trainedCues, SHIPPED_CUES, SupportModelTrainer.header(examples, false));
        }
    }

    @Test
    void theTrainingDataIsThousandsOfExamplesOnBothSidesInEveryCoveredLanguage() {
        assertThat(examples.stream().filter(Example::request).count()).isGreaterThanOrEqualTo(1000);
        assertThat(examples.stream().filter(e -> !e.request()).count()).isGreaterThanOrEqualTo(1000);
        for (String word : List.of("alguna", "quelquun", "jemand", "alguem", "kya")) {
            assertThat(examples.stream().filter(e -> e.request()
                    && SupportFeatures.words(dev.threadguard.moderation.text.TextNormalizer.normalize(e.text()))
                    .length > 0 && String.join(" ", SupportFeatures.words(
                    dev.threadguard.moderation.text.TextNormalizer.normalize(e.text()))).contains(word)))
                    .as("requests using '%s'", word).isNotEmpty();
        }
    }

    @Test
    void theSameFolderAndSeedGiveTheSameExamplesAndAnotherSeedOthers() {
        assertThat(SupportModelTrainer.load(TRAINING, SupportModelTrainer.SEED)).isEqualTo(examples);
        assertThat(SupportModelTrainer.load(TRAINING, SupportModelTrainer.SEED + 1)).isNotEqualTo(examples);
    }

    @Test
    void trainingIsReproducibleAndTheShippedWeightsAreItsResult() throws IOException {
        LinearSupportModel again = SupportModelTrainer.train(examples, SupportModelTrainer.Settings.defaults(),
                new StaticSupportVectors());
        assertThat(again.weights()).isEqualTo(trained.weights());
        assertThat(again.bias()).isEqualTo(trained.bias());

        LinearSupportModel shipped;
        try (var in = Files.newBufferedReader(SHIPPED, StandardCharsets.UTF_8)) {
            shipped = LinearSupportModel.read(in);
        }
        assertThat(shipped.weights()).as("shipped weights are stale: retrain (see the class comment)")
                .isEqualTo(trained.weights());
        assertThat(shipped.bias()).isEqualTo(trained.bias());
        assertThat(shipped.weights()).as("the shipped model reads meaning").containsKeys("v:0", "v:127");

        LinearSupportModel cues;
        try (var in = Files.newBufferedReader(SHIPPED_CUES, StandardCharsets.UTF_8)) {
            cues = LinearSupportModel.read(in);
        }
        assertThat(cues.weights()).as("shipped cue weights are stale: retrain (see the class comment)")
                .isEqualTo(trainedCues.weights());
        assertThat(cues.bias()).isEqualTo(trainedCues.bias());
        assertThat(cues.weights().keySet()).noneMatch(k -> k.startsWith(SupportFeatures.VECTOR_PREFIX));
    }

    @Test
    void theModelFitsMostOfItsTrainingData() {
        // Not all: the weighting towards few requests costs some, and the cues cover the Spanish, French, German and
        // Portuguese problems stated without an ask (an app that closes, a subscription that does not unlock) less
        // well than English. The cue model misses 815 of 5,842, the model with meaning 495: a seventh and a tenth.
        long wrong = examples.stream().filter(e -> (trained.assess(e.text()).score() >= 0.5) != e.request()).count();
        assertThat(wrong).isLessThanOrEqualTo(examples.size() / 10);
        long wrongByCues = examples.stream().filter(e -> (trainedCues.assess(e.text()).score() >= 0.5) != e.request())
                .count();
        assertThat(wrongByCues).isLessThanOrEqualTo(examples.size() / 7).isGreaterThan(wrong);
    }

    @Test
    void scoringByTheSinkGivesExactlyTheSumOfTheExtractedFeatures() {
        LinearSupportModel shipped = LinearSupportModel.bundled();
        List<String> texts = new ArrayList<>(examples.stream().map(Example::text).limit(400).toList());
        texts.addAll(List.of("", "   ", "?!", "help help help me please, my my my laptop laptop", "Can't log in?? Can’t!",
                "ＭＹ ＰＣ crashes", "i i i i", "why does my why does my router router keep dropping",
                "Mi ordenador está lentísimo desde ayer, ¿alguna idea?"));
        for (String text : texts) {
            SupportAssessment a = shipped.assess(text);
            if (!a.abstained()) {
                assertThat(a.score()).as(text).isEqualTo(shipped.scoreByFeatures(text));
            }
        }
    }

    @Test
    void theGeneralisingCuesCarryTheWeight() {
        // The hand-written cue families and pairs carry the model on texts whose words it never saw together.
        assertThat(trained.weights().get("cue:my-device")).isPositive();
        assertThat(trained.weights().get("x:ask+tech")).isPositive();
        assertThat(trained.weights().get("cue:advice-to-others")).isNegative();
        assertThat(trained.weights().get("cue:sale")).isNegative();
        assertThat(trained.weights().get("cue:sarcasm")).isNegative();
        assertThat(trained.weights().get("cue:help-idiom")).isNegative();
    }

    @Test
    void aSemanticVectorIsLearntAsExtraFeaturesAndNeededToScore() {
        // A stand-in for token embeddings: one component that is 1 for texts with a question mark.
        SemanticVector vector = text -> new float[] {text.indexOf('?') >= 0 ? 1f : 0f, 0.5f};
        List<Example> few = examples.stream().limit(300).toList();
        LinearSupportModel withMeaning = SupportModelTrainer.train(few, SupportModelTrainer.Settings.defaults(), vector);
        assertThat(withMeaning.weights()).containsKeys("v:0", "v:1");
        SupportAssessment a = withMeaning.assess("My laptop is slow, any idea why?");
        assertThat(a.evidence()).anyMatch(e -> e.cue() == SupportAssessment.Cue.SEMANTIC);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> withMeaning.withSemantic(text -> new float[3]).assess("My laptop is slow?"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 components");
    }

    @Test
    void trainingNeedsBothClasses() {
        List<Example> onlyRequests = examples.stream().filter(Example::request).toList();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SupportModelTrainer.train(onlyRequests, SupportModelTrainer.Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both");
    }
}
