package dev.threadguard.moderation.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threadguard.moderation.ModerationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-world cases beside the clone ({@code ../shared/field-cases}, rebuilt from public bug reports and spam
 * write-ups): every comment of every case must come out exactly as labelled, flags and duplicateOf alike, through
 * the same evaluate path the command runs. Skips, saying so, where the folder is absent (the product never needs it).
 */
class FieldCasesTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyFieldCaseComesOutExactlyAsLabelled() throws IOException {
        Optional<Path> folder = fieldCases();
        assumeTrue(folder.isPresent(), "skipped: no shared/field-cases folder beside this clone (or above it)");
        List<Path> cases = CaseFiles.cases(folder.get());
        assumeTrue(!cases.isEmpty(), "skipped: " + folder.get() + " holds no *.events.jsonl");
        Evaluator evaluator = new Evaluator(ModerationConfig.forEvaluation());
        return cases.stream().map(events -> DynamicTest.dynamicTest(CaseFiles.name(events), () -> {
            Path labels = CaseFiles.labels(events);
            Path out = dir.resolve(CaseFiles.name(events) + ".verdicts.jsonl");
            evaluator.evaluate(events, labels, out);
            assertThat(CaseFiles.outcomes(out, labels)).as("verdicts of %s (reasons in %s)", CaseFiles.name(events),
                    CaseFiles.reasons(out)).isEqualTo(CaseFiles.outcomes(labels, labels));
        }));
    }

    /** {@code shared/field-cases} in the working directory or the nearest folder above it that has one. */
    static Optional<Path> fieldCases() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("field-cases");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
