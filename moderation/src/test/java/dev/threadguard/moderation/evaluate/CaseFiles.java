package dev.threadguard.moderation.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Cases in the dataset format: {@code NAME.events.jsonl} beside {@code NAME.labels.jsonl}, judged through the same
 * evaluate path as the command, and compared comment by comment (flags and duplicateOf; a flag a label lists as
 * {@code uncertain} is left out on both sides).
 */
final class CaseFiles {
    private CaseFiles() {
    }

    /** The events files of a folder, by name. */
    static List<Path> cases(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".events.jsonl")).sorted().toList();
        }
    }

    static String name(Path events) {
        String name = events.getFileName().toString();
        return name.substring(0, name.length() - ".events.jsonl".length());
    }

    static Path labels(Path events) {
        return events.resolveSibling(name(events) + ".labels.jsonl");
    }

    /** commentId → "sorted flags duplicateOf=…" for every comment labelled in {@code labels}, from {@code file}. */
    static Map<String, String> outcomes(Path file, Path labels) {
        Map<String, Set<String>> uncertain = new TreeMap<>();
        for (JsonNode line : lines(labels)) {
            Set<String> u = new TreeSet<>();
            line.path("uncertain").forEach(f -> u.add(f.asText()));
            uncertain.put(line.get("commentId").asText(), u);
        }
        Map<String, String> out = new TreeMap<>();
        for (JsonNode line : lines(file)) {
            String id = line.get("commentId").asText();
            TreeSet<String> flags = new TreeSet<>();
            line.path("flags").forEach(f -> flags.add(f.asText()));
            flags.removeAll(uncertain.getOrDefault(id, Set.of()));
            JsonNode dup = line.path("duplicateOf");
            String of = flags.contains("DUPLICATE") && dup.isTextual() ? dup.asText() : null;
            out.put(id, flags + " duplicateOf=" + of);
        }
        return out;
    }

    /** commentId → the verdict's reasons, for a failure message. */
    static Map<String, List<String>> reasons(Path verdicts) {
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
}
