package dev.threadguard.moderation.offtopic;

import dev.threadguard.moderation.text.ContentAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Words of the practical register (documents, money, time, shops, procedures) that turn up under articles of any
 * subject, as stems: shared with an article they say nothing about the comment being on its subject. Written for
 * the project (resource {@code generic-words.txt}), in addition to the text package's everyday words.
 */
final class GenericWords {
    private final Set<String> stems;

    private GenericWords(Set<String> stems) {
        this.stems = Set.copyOf(stems);
    }

    static GenericWords load(ContentAnalyzer analyzer) {
        Set<String> stems = new HashSet<>();
        try (InputStream in = GenericWords.class.getResourceAsStream("generic-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("word list generic-words.txt is missing from the class path");
            }
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#"))
                    .flatMap(line -> java.util.Arrays.stream(line.trim().split("\\s+")))
                    .filter(w -> !w.isEmpty())
                    .forEach(w -> stems.addAll(analyzer.terms(w)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read word list generic-words.txt", e);
        }
        return new GenericWords(stems);
    }

    boolean contains(String stem) {
        return stems.contains(stem);
    }
}
