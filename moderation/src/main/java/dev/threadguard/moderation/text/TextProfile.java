package dev.threadguard.moderation.text;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything the detectors need to know about one text, each part computed once and only when first asked for: the
 * duplicate check reads the key and its MinHash signature of every comment but the 3-gram shingles only of the few
 * pairs the signatures leave in doubt, and never needs the content terms (Lucene analysis), which only the off-topic
 * check reads. Thread-safe: a lazy part is computed at most once.
 *
 * <p>Parts: {@link #normalized()} the canonical words separated by single spaces ({@link TextNormalizer#normalize}:
 * markup decoded, case and lookalike letters folded, marks and invisible characters gone; Chinese, Japanese and Thai
 * segmented into words; emoji one word each);
 * {@link #key()} the normalized text without spaces (equal keys mean "same text" up to case, spacing, punctuation);
 * {@link #wordCount()} (a Chinese sentence counts its words); {@link #shingles()} sorted distinct hashes of the key's character 3-grams; {@link #terms()}
 * content terms (stemmed, stop words removed) in text order; {@link #termCounts()} how often each occurs; {@link #substance()} the summed weight ({@link TermWeights}) of the distinct content terms.
 */
public final class TextProfile {
    private final String normalized;
    private final String key;
    private final int wordCount;
    private final TextProfiler profiler;
    /** The text the terms come from, until they are computed. */
    private String text;
    private volatile Terms terms;
    private volatile int[] shingles;
    private volatile Derived derived;

    TextProfile(String text, String normalized, String key, int wordCount, TextProfiler profiler) {
        this.text = text;
        this.normalized = normalized;
        this.key = key;
        this.wordCount = wordCount;
        this.profiler = profiler;
    }

    private record Terms(List<String> inOrder, Map<String, Integer> counts, double substance, long mask) {
    }

    /** A value derived from the key, remembered with the function that derived it. */
    private record Derived(Function<String, int[]> function, int[] value) {
    }

    public String normalized() {
        return normalized;
    }

    public String key() {
        return key;
    }

    public int wordCount() {
        return wordCount;
    }

    public boolean isEmpty() {
        return key.isEmpty();
    }

    public int[] shingles() {
        int[] s = shingles;
        if (s == null) {
            s = TextProfiler.shingles(key);
            shingles = s; // a racing thread computes the same array
        }
        return s;
    }

    public List<String> terms() {
        return analysed().inOrder();
    }

    public Map<String, Integer> termCounts() {
        return analysed().counts();
    }

    public double substance() {
        return analysed().substance();
    }

    /**
     * Whether the text may contain the content term whose {@link #termBit} is given: false means certainly not, so
     * a caller testing many terms against many texts looks up {@link #termCounts()} only for the few that may.
     */
    public boolean mayContain(long termBit) {
        return (analysed().mask() & termBit) != 0;
    }

    /** A term's bit in the 64-bit summary of a text's terms ({@link #mayContain}). */
    public static long termBit(String term) {
        int h = term.hashCode();
        return 1L << ((h ^ (h >>> 16)) & 63);
    }

    /**
     * {@code derive} applied to the key, computed once per profile and function: the duplicate detector keeps its
     * MinHash signature here, so it lives exactly as long as the cached profile. A different function (another
     * detector's) recomputes.
     */
    public int[] derived(Function<String, int[]> derive) {
        Derived d = derived;
        if (d == null || d.function() != derive) {
            d = new Derived(derive, derive.apply(key));
            derived = d;
        }
        return d.value();
    }

    private Terms analysed() {
        Terms t = terms;
        if (t == null) {
            synchronized (this) {
                t = terms;
                if (t == null) {
                    t = analyse(text);
                    terms = t;
                    text = null;
                }
            }
        }
        return t;
    }

    private Terms analyse(String text) {
        List<String> inOrder = profiler.analyzer().terms(text);
        // A HashMap: lookups compare stored hashes before strings, and its order (hence the order of sums over the
        // distinct terms) is the same on every run.
        Map<String, Integer> counts = new HashMap<>();
        for (String t : inOrder) {
            counts.merge(t, 1, Integer::sum);
        }
        double substance = 0;
        long mask = 0;
        for (String t : counts.keySet()) {
            substance += profiler.weights().weight(t);
            mask |= termBit(t);
        }
        return new Terms(List.copyOf(inOrder), Collections.unmodifiableMap(counts), substance, mask);
    }

    @Override
    public String toString() {
        return "TextProfile[" + normalized + "]";
    }
}
