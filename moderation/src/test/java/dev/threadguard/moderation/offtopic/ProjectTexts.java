package dev.threadguard.moderation.offtopic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's own texts for tests that compare a screened matcher with its unscreened original: every line of the
 * support-request training data ({@code training/support}, thousands of lines in six languages) and each of its
 * parts (grammar alternatives, labelled halves).
 */
final class ProjectTexts {
    private ProjectTexts() {
    }

    static List<String> trainingLines() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("training/support"))) {
            for (Path f : files.sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    texts.add(line);
                    texts.addAll(List.of(line.split(" \\| |=")));
                }
            }
        }
        return texts;
    }
}
