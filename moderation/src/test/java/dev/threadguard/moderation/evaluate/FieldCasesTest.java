package dev.threadguard.moderation.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Json;
import dev.threadguard.moderation.ModerationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
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
        List<Path> cases;
        try (Stream<Path> files = Files.list(folder.get())) {
            cases = files.filter(p -> p.getFileName().toString().endsWith(".events.jsonl")).sorted().toList();
        }
        assumeTrue(!cases.isEmpty(), "skipped: " + folder.get() + " holds no *.events.jsonl");
        Evaluator evaluator = new Evaluator(ModerationConfig.forEvaluation());
        return cases.stream().map(events -> DynamicTest.dynamicTest(caseName(events), () -> {
            Path labels = events.resolveSibling(caseName(events) + ".labels.jsonl");
            Path out = dir.resolve(caseName(events) + ".verdicts.jsonl");
            evaluator.evaluate(events, labels, out);
            assertThat(outcomes(out, "flags")).as("verdicts of %s (reasons in %s)", caseName(events), reasons(out))
                    .isEqualTo(outcomes(labels, "flags"));
        }));
    }

    private static String caseName(Path events) {
        String name = events.getFileName().toString();
        return name.substring(0, name.length() - ".events.jsonl".length());
    }

    /** commentId → "sorted flags, duplicateOf" for every line of a labels or verdicts file. */
    private static Map<String, String> outcomes(Path file, String flagsField) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode line : lines(file)) {
            TreeSet<String> flags = new TreeSet<>();
            line.path(flagsField).forEach(f -> flags.add(f.asText()));
            JsonNode dup = line.path("duplicateOf");
            out.put(line.get("commentId").asText(), flags + " duplicateOf=" + (dup.isTextual() ? dup.asText() : null));
        }
        return out;
    }

    private static Map<String, List<String>> reasons(Path verdicts) {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode line : lines(verdicts)) {
            List<String> r = new ArrayList<>();
            line.path("reasons").forEach(x -> r.add(x.asText()));
            out.put(line.get("commentId").asText(), r);
        }
        return out;
    }

    private static List<JsonNode> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> Json.read(l, JsonNode.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
