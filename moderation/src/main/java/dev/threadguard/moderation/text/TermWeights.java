package dev.threadguard.moderation.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How much a shared term says about two texts being on the same subject, from a built-in background list of
 * everyday words: everyday terms weigh little, numbers and fragments little, everything rarer weighs 1. This is
 * the inverse-document-frequency idea without a corpus: the list stands for "appears under articles of any topic".
 */
public final class TermWeights {
    public static final double RARE = 1.0;
    public static final double EVERYDAY = 0.3;
    public static final double FRAGMENT = 0.25;

    private final Set<String> everydayStems;

    TermWeights(Set<String> everydayStems) {
        // A HashSet compares stored hashes before strings: most terms looked up are not everyday words.
        this.everydayStems = java.util.Collections.unmodifiableSet(new HashSet<>(everydayStems));
    }

    /** Weights from the bundled everyday-word list, stemmed with the given analyzer. */
    static TermWeights load(ContentAnalyzer stemmer) {
        Set<String> stems = new HashSet<>();
        for (String word : resourceWords("common-words.txt")) {
            stems.addAll(stemmer.termsKeepingFunctionWords(word));
        }
        return new TermWeights(stems);
    }

    /**
     * A term's weight: {@link #FRAGMENT} for a number or a fragment (two letters or fewer; in Chinese, Japanese and
     * Korean, where a two-character word is an ordinary word, a single character), {@link #EVERYDAY} for a bundled
     * everyday word, else {@link #RARE}.
     */
    public double weight(String term) {
        if (!hasLetter(term) || term.length() <= (ideographic(term) ? 1 : 2) || hiragana(term)) {
            return FRAGMENT;
        }
        return everydayStems.contains(term) ? EVERYDAY : RARE;
    }

    /**
     * Whether the term is written in hiragana only: in Japanese that is mostly grammar (particles, endings, "から",
     * "ほぼ"), while the subject is written in kanji or katakana.
     */
    private static boolean hiragana(String term) {
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c < 0x3041 || c > 0x309F) {
                return false;
            }
        }
        return true;
    }

    /** Whether the term starts with a Han, kana or Hangul character (all above U+1100). */
    private static boolean ideographic(String term) {
        char c = term.charAt(0);
        if (c < 0x1100) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(term.codePointAt(0));
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    public boolean everyday(String term) {
        return everydayStems.contains(term);
    }

    private static boolean hasLetter(String term) {
        for (int i = 0; i < term.length(); i++) {
            if (Character.isLetter(term.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * English function words (grammar, not topic) in their normalized surface form ({@code "don't"} as {@code "dont"}
     * too): the bundled list the content analysis drops.
     */
    public static java.util.Set<String> functionWords() {
        java.util.Set<String> out = new HashSet<>();
        for (String w : resourceWords("function-words.txt")) {
            out.add(w);
            out.add(w.replace("'", ""));
        }
        return java.util.Set.copyOf(out);
    }

    /** The words of a bundled list: whitespace-separated, lines starting with '#' are comments. */
    static List<String> resourceWords(String name) {
        try (InputStream in = TermWeights.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("word list " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#"))
                    .flatMap(line -> java.util.Arrays.stream(line.trim().split("\\s+")))
                    .filter(w -> !w.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read word list " + name, e);
        }
    }
}
