package dev.threadguard.moderation.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.moderation.support.SupportModelTrainer.Example;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped weights are exactly what training on the shipped examples gives. To retrain after editing the examples
 * in {@code src/test/resources/dev/threadguard/moderation/support/training/}:
 * {@code mvn -B -o -pl moderation test -Dtest=SupportModelTrainingTest -Dsupport.retrain=true} (from the repository
 * root), which rewrites {@code src/main/resources/dev/threadguard/moderation/support/support-model.tsv}.
 */
class SupportModelTrainingTest {
    static final String HEADER = """
            Learnt weights of the support-request model (logistic regression, see SupportModelTrainer).
            Trained on the examples in moderation/src/test/resources/dev/threadguard/moderation/support/training/,
            written for Threadguard by its authors. Do not edit by hand; retrain with
            mvn -B -o -pl moderation test -Dtest=SupportModelTrainingTest -Dsupport.retrain=true""";
    private static final Path SHIPPED = Path.of("src/main/resources/dev/threadguard/moderation/support/"
            + LinearSupportModel.RESOURCE);

    private static List<Example> examples;
    private static LinearSupportModel trained;

    @BeforeAll
    static void train() throws IOException {
        examples = new ArrayList<>();
        examples.addAll(SupportModelTrainer.read(resource("training/support-requests.txt"), true));
        examples.addAll(SupportModelTrainer.read(resource("training/not-support-requests.txt"), false));
        trained = SupportModelTrainer.train(examples, SupportModelTrainer.Settings.defaults());
        if (Boolean.getBoolean("support.retrain")) {
            try (Writer out = Files.newBufferedWriter(SHIPPED, StandardCharsets.UTF_8)) {
                trained.write(out, HEADER);
            }
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SupportModelTrainingTest.class.getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    @Test
    void theTrainingDataIsSubstantialOnBothSides() {
        assertThat(examples.stream().filter(Example::request).count()).isGreaterThanOrEqualTo(150);
        assertThat(examples.stream().filter(e -> !e.request()).count()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void trainingIsReproducibleAndTheShippedWeightsAreItsResult() throws IOException {
        LinearSupportModel again = SupportModelTrainer.train(examples, SupportModelTrainer.Settings.defaults());
        assertThat(again.weights()).isEqualTo(trained.weights());
        assertThat(again.bias()).isEqualTo(trained.bias());

        LinearSupportModel shipped;
        try (var in = Files.newBufferedReader(SHIPPED, StandardCharsets.UTF_8)) {
            shipped = LinearSupportModel.read(in);
        }
        assertThat(shipped.weights()).as("shipped weights are stale: retrain (see the class comment)")
                .isEqualTo(trained.weights());
        assertThat(shipped.bias()).isEqualTo(trained.bias());
    }

    @Test
    void theModelFitsItsTrainingData() {
        long wrong = examples.stream().filter(e -> (trained.assess(e.text()).score() >= 0.5) != e.request()).count();
        assertThat(wrong).isLessThanOrEqualTo(examples.size() / 50);
    }

    @Test
    void scoringLooksUpOnlyWeightedFeaturesAndGivesExactlyTheFeatureSum() {
        LinearSupportModel shipped = LinearSupportModel.bundled();
        List<String> texts = new ArrayList<>(examples.stream().map(Example::text).toList());
        texts.addAll(List.of("", "   ", "?!", "help help help me please, my my my laptop laptop", "Can't log in?? Can’t!",
                "ＭＹ ＰＣ crashes", "i i i i", "why does my why does my router router keep dropping"));
        for (String text : texts) {
            SupportAssessment fast = shipped.assess(text);
            SupportAssessment byFeatures = shipped.assessByFeatures(text);
            assertThat(fast.score()).as(text).isEqualTo(byFeatures.score());
            assertThat(fast.evidence()).as(text).isEqualTo(byFeatures.evidence());
        }
    }

    @Test
    void cuesGeneraliseBeyondTheTrainingWords() {
        // The learnt weights of the hand-written cues carry the model on texts whose words it never saw together.
        assertThat(trained.weights().get("cue:someone-help")).isPositive();
        assertThat(trained.weights().get("cue:my-device")).isPositive();
        assertThat(trained.weights().get("cue:advice-to-others")).isNegative();
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
