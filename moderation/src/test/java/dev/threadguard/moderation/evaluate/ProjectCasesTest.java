package dev.threadguard.moderation.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.moderation.ModerationConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own cases of every kind issue 9 lists ({@code cases/README.md} in the test resources): each comes out exactly as
 * labelled, default configuration, except the known gaps, which must still differ, so that fixing one is noticed.
 */
class ProjectCasesTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyCaseComesOutAsLabelledButTheKnownGaps() throws IOException, URISyntaxException {
        Path folder = Path.of(ProjectCasesTest.class.getResource("/dev/threadguard/moderation/cases").toURI());
        Map<String, String> gaps = knownGaps(folder.resolve("known-gaps.tsv"));
        List<Path> cases = CaseFiles.cases(folder);
        assertThat(cases).hasSizeGreaterThan(gaps.size());
        assertThat(cases.stream().map(CaseFiles::name).toList()).containsAll(gaps.keySet());
        Evaluator evaluator = new Evaluator(ModerationConfig.forEvaluation());
        return cases.stream().map(events -> DynamicTest.dynamicTest(CaseFiles.name(events), () -> {
            String name = CaseFiles.name(events);
            Path labels = CaseFiles.labels(events);
            Path out = dir.resolve(name + ".verdicts.jsonl");
            evaluator.evaluate(events, labels, out);
            Map<String, String> got = CaseFiles.outcomes(out, labels);
            Map<String, String> want = CaseFiles.outcomes(labels, labels);
            if (gaps.containsKey(name)) {
                assertThat(got).as("%s is listed in known-gaps.tsv (%s) but now comes out as labelled: remove its line",
                        name, gaps.get(name)).isNotEqualTo(want);
            } else {
                assertThat(got).as("verdicts of %s (reasons in %s)", name, CaseFiles.reasons(out)).isEqualTo(want);
            }
        }));
    }

    private static Map<String, String> knownGaps(Path file) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\t", 2);
                out.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return out;
    }
}
