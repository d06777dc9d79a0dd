package dev.threadguard.moderation.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.SampleThread;
import dev.threadguard.moderation.ModerationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
    @TempDir
    Path dir;

    private final Evaluator evaluator = new Evaluator(ModerationConfig.forEvaluation());

    @Test
    void sampleThreadGetsOneVerdictLinePerCommentInInputOrderAndIsScored() throws IOException {
        Path events = write("events.jsonl", SampleThread.lines(SampleThread.EVENTS_RESOURCE));
        Path labels = write("labels.jsonl", SampleThread.lines(SampleThread.LABELS_RESOURCE));
        Path output = dir.resolve("out/verdicts.jsonl");

        EvaluationReport report = evaluator.evaluate(events, labels, output);

        List<String> expectedIds = SampleThread.lines(SampleThread.EVENTS_RESOURCE).stream()
                .map(EvaluatorTest::tree).filter(n -> n.path("type").asText().equals("comment"))
                .map(n -> n.get("commentId").asText()).toList();
        List<JsonNode> lines = Files.readAllLines(output).stream().map(EvaluatorTest::tree).toList();
        assertThat(lines).extracting(n -> n.get("commentId").asText()).containsExactlyElementsOf(expectedIds);
        for (JsonNode line : lines) {
            assertThat(line.get("articleId").asText()).isEqualTo("zdnet-skype-azure");
            assertThat(line.get("flags").isArray()).isTrue();
            assertThat(line.has("duplicateOf")).isTrue();
            assertThat(line.get("scores").has("duplicate")).isTrue();
            assertThat(line.get("scores").has("offTopic")).isTrue();
            assertThat(line.get("scores").has("supportRequest")).isTrue();
            assertThat(line.get("reasons").isArray()).isTrue();
            assertThat(line.get("detectorVersion").asText()).isNotBlank();
        }
        assertThat(report.articles()).isEqualTo(1);
        assertThat(report.comments()).isEqualTo(expectedIds.size());
        assertThat(report.verdicts()).isEqualTo(expectedIds.size());
        Scores scores = report.scores();
        assertThat(scores.labelled()).isEqualTo(SampleThread.lines(SampleThread.LABELS_RESOURCE).size());
        assertThat(scores.missingVerdicts()).isZero();
        assertThat(scores.flag(Flag.DUPLICATE).support()).isEqualTo(1);
        assertThat(scores.flag(Flag.OFF_TOPIC).uncertain()).isEqualTo(1);
        assertThat(report.format())
                .contains("DUPLICATE", "OFF_TOPIC", "SUPPORT_REQUEST", "macro-F1", "precision", "recall");
    }

    @Test
    void commentsBeforeTheirArticleOrWithoutOneStillGetAVerdictAndNoLabelsMeansNoScores() throws IOException {
        Path events = write("events.jsonl", List.of(
                "{\"type\":\"comment\",\"commentId\":\"c-1\",\"articleId\":\"a-1\",\"body\":\"Early comment.\"}",
                "{\"type\":\"article\",\"articleId\":\"a-1\",\"title\":\"T\",\"body\":\"An article about clouds.\"}",
                "",
                "{\"type\":\"comment\",\"commentId\":\"c-2\",\"articleId\":\"a-1\",\"body\":\"Later comment.\"}",
                "{\"type\":\"comment\",\"commentId\":\"c-3\",\"articleId\":\"a-gone\",\"body\":\"Nobody posted this article.\"}"));
        Path output = dir.resolve("verdicts.jsonl");

        EvaluationReport report = evaluator.evaluate(events, null, output);

        assertThat(Files.readAllLines(output)).extracting(l -> tree(l).get("commentId").asText())
                .containsExactly("c-1", "c-2", "c-3");
        assertThat(report.hasScores()).isFalse();
        assertThat(report.format()).contains("3 comments").doesNotContain("macro-F1");
    }

    @Test
    void aMalformedLineFailsNamingTheFileAndLine() throws IOException {
        Path events = write("broken.jsonl", List.of(
                "{\"type\":\"article\",\"articleId\":\"a-1\",\"title\":\"T\",\"body\":\"B\"}",
                "{\"type\":\"comment\",\"commentId\":\"c-1\",\"articleId\":\"a-1\",\"body\":\"ok\"}",
                "{\"type\":\"comment\",\"commentId\":\"c-2\",\"articleId\":\"a-1\"}"));

        assertThatThrownBy(() -> evaluator.evaluate(events, null, dir.resolve("v.jsonl")))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("broken.jsonl")
                .hasMessageContaining("line 3")
                .hasMessageContaining("body");
    }

    @Test
    void aLabelWithAnUnknownFlagFailsNamingTheFileAndLine() throws IOException {
        Path events = write("events.jsonl", SampleThread.lines(SampleThread.EVENTS_RESOURCE));
        Path labels = write("labels.jsonl", List.of(
                "{\"commentId\":\"c-01\",\"flags\":[]}",
                "{\"commentId\":\"c-02\",\"flags\":[\"SPAM\"]}"));

        assertThatThrownBy(() -> evaluator.evaluate(events, labels, dir.resolve("v.jsonl")))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("labels.jsonl")
                .hasMessageContaining("line 2");
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    private static JsonNode tree(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
