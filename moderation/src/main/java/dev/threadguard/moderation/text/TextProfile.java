package dev.threadguard.moderation.text;

import java.util.List;
import java.util.Map;

/**
 * Everything the detectors need to know about one text, computed once.
 *
 * @param normalized case-folded words separated by single spaces ({@link TextNormalizer#normalize})
 * @param key        the normalized text without spaces: equal keys mean "same text" up to case, spacing, punctuation
 * @param wordCount  words of the normalized text
 * @param shingles   sorted distinct hashes of the key's character 3-grams, for a cheap similarity estimate
 * @param terms      content terms (stemmed, stop words removed) in text order
 * @param termCounts how often each content term occurs
 * @param substance  summed weight ({@link TermWeights}) of the distinct content terms: how much the text says
 */
public record TextProfile(
        String normalized,
        String key,
        int wordCount,
        int[] shingles,
        List<String> terms,
        Map<String, Integer> termCounts,
        double substance) {

    public TextProfile {
        terms = List.copyOf(terms);
        termCounts = Map.copyOf(termCounts);
    }

    public boolean isEmpty() {
        return key.isEmpty();
    }
}
