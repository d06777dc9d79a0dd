package dev.threadguard.moderation.duplicate;

import java.util.function.IntPredicate;

/** Similarity measures over normalized keys and their shingle sets. Pure functions. */
public final class TextSimilarity {
    private TextSimilarity() {
    }

    /** Dice coefficient of two sorted distinct int arrays: 2|A∩B| / (|A|+|B|). */
    public static double dice(int[] a, int[] b) {
        if (a.length + b.length == 0) {
            return 1.0;
        }
        return 2.0 * intersection(a, b) / (a.length + b.length);
    }

    /**
     * Whether {@link #dice} of the two is at least {@code min}: the same answer, but the merge stops as soon as it is
     * known. A thread's near-copy candidates (MinHash agreement from 0.25) mostly share a third of their 3-grams, far
     * from the 0.6 asked for; merging their whole sets was about 5 % of a static-vector verdict in JFR.
     */
    public static boolean diceAtLeast(int[] a, int[] b, double min) {
        int total = a.length + b.length;
        if (total == 0) {
            return 1.0 >= min;
        }
        // By the very expression dice computes (no rounding doubt).
        return intersectionReaches(a, a.length, b, fewestReaching(total, shared -> 2.0 * shared / total >= min));
    }

    /** Whether {@link #containment} of {@code a} in {@code b} is at least {@code min}, as {@link #diceAtLeast}. */
    public static boolean containmentAtLeast(int[] a, int[] b, double min) {
        if (a.length == 0) {
            return 0.0 >= min;
        }
        return intersectionReaches(a, a.length, b, fewestReaching(a.length, shared -> (double) shared / a.length >= min));
    }

    /** Share of {@code a}'s elements that are also in {@code b}. */
    public static double containment(int[] a, int[] b) {
        return a.length == 0 ? 0.0 : (double) intersection(a, b) / a.length;
    }

    static int intersection(int[] a, int[] b) {
        return intersection(a, a.length, b);
    }

    /**
     * The fewest shared values in [0, {@code max}] for which {@code reaches} holds, or {@code max + 1} when none does;
     * {@code reaches} must be monotone (once true, true for every larger count), as a similarity is in the number of
     * values shared. By bisection over the measure's own expression, so rounding cannot make the count disagree with it.
     */
    static int fewestReaching(int max, IntPredicate reaches) {
        int low = 0;
        int high = max + 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (reaches.test(mid)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /**
     * Whether the first {@code aLength} values of {@code a} share at least {@code need} values with {@code b} (both
     * sorted): {@link #intersection} {@code >= need}, but the merge stops once the values left cannot make up the
     * difference, which for two unrelated texts' shingles is after a few steps.
     */
    static boolean intersectionReaches(int[] a, int aLength, int[] b, int need) {
        int i = 0;
        int j = 0;
        int n = 0;
        while (n < need) {
            if (n + Math.min(aLength - i, b.length - j) < need) {
                return false;
            }
            int x = a[i];
            int y = b[j];
            n += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += x >= y ? 1 : 0;
        }
        return true;
    }

    /** Size of the intersection of the first {@code aLength} values of {@code a} with {@code b} (both sorted). */
    static int intersection(int[] a, int aLength, int[] b) {
        int i = 0;
        int j = 0;
        int n = 0;
        // Without branches on the comparison: hashed shingles are in random order, so a branch would be mispredicted
        // about every other step.
        while (i < aLength && j < b.length) {
            int x = a[i];
            int y = b[j];
            n += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += x >= y ? 1 : 0;
        }
        return n;
    }

    /**
     * 1 - Levenshtein distance / length of the longer text, or -1 when the distance exceeds {@code maxDistance}
     * (then the exact value does not matter and the banded computation stops early).
     */
    public static double editSimilarity(CharSequence a, CharSequence b, int maxDistance) {
        int la = a.length();
        int lb = b.length();
        int longer = Math.max(la, lb);
        if (longer == 0) {
            return 1.0;
        }
        int d = boundedLevenshtein(a, b, maxDistance);
        return d < 0 ? -1.0 : 1.0 - (double) d / longer;
    }

    /**
     * {@link #editSimilarity} with at most {@code maxShare} of the longer text's length in edits, at a cost bounded
     * for long texts. What differs (the texts without their common prefix and suffix) is compared whole when it is
     * at most {@code window} characters in either text: a paragraph inserted, deleted or appended, a few words
     * changed. Otherwise (edits spread through two long texts) three windows of {@code window} characters of the
     * first text, at its start, middle and end, are each looked for in the second around the same relative position
     * (within the texts' length difference, at most a window, plus {@code maxShare} of a window, either way): the
     * window at the same relative place if it is within {@code maxShare} of it, else by the fewest edits that
     * turn the window into any stretch of the second text there (Sellers' approximate matching, 1980); the result
     * is the windows' mean similarity, or -1 when one of them needs more than {@code maxShare} of its length. Cost:
     * 3 × window × (2 × maxShare × window + 1) cells when the texts did not shift, at most 3 × window × (3 × window +
     * 2 × maxShare × window) when they did, instead of the whole texts' length × (2 × band + 1).
     */
    public static double boundedEditSimilarity(CharSequence a, CharSequence b, double maxShare, int window) {
        int la = a.length();
        int lb = b.length();
        int longer = Math.max(la, lb);
        int maxDistance = (int) Math.ceil(longer * maxShare);
        if (differingLength(a, b) <= window || la <= window || lb <= window) {
            return editSimilarity(a, b, maxDistance);
        }
        int allowed = (int) Math.ceil(window * maxShare);
        int reach = Math.min(Math.abs(la - lb), window) + allowed;
        double sum = 0;
        for (int part = 0; part < 3; part++) {
            int startA = windowStart(la, window, part);
            int centreB = (int) Math.round((double) startA * (lb - window) / (la - window));
            CharSequence wa = a.subSequence(startA, startA + window);
            // The window at the same relative place first (a diagonal band, cheap); where the texts shifted there,
            // the best match around it.
            int d = boundedLevenshtein(wa, b.subSequence(centreB, centreB + window), allowed);
            if (d < 0) {
                d = bestMatchDistance(wa, b.subSequence(Math.max(0, centreB - reach), Math.min(lb, centreB + window + reach)));
            }
            if (d > allowed) {
                return -1.0;
            }
            sum += 1.0 - (double) d / window;
        }
        return sum / 3;
    }

    /** The fewest edits turning {@code pattern} into some stretch of {@code text} (free start and end in text). */
    private static int bestMatchDistance(CharSequence pattern, CharSequence text) {
        int n = text.length();
        int[] prev = new int[n + 1];
        int[] cur = new int[n + 1];
        for (int i = 1; i <= pattern.length(); i++) {
            cur[0] = i;
            char c = pattern.charAt(i - 1);
            for (int j = 1; j <= n; j++) {
                int cost = c == text.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        int best = Integer.MAX_VALUE;
        for (int j = 0; j <= n; j++) {
            best = Math.min(best, prev[j]);
        }
        return best;
    }

    private static int windowStart(int length, int window, int part) {
        return part == 0 ? 0 : part == 1 ? (length - window) / 2 : length - window;
    }

    /** The longer of the two texts' parts between their common prefix and their common suffix. */
    static int differingLength(CharSequence a, CharSequence b) {
        Differing d = Differing.of(a, b);
        return Math.max(d.endA() - d.start(), d.endB() - d.start());
    }

    /** Where two texts differ: from {@code start} (their common prefix's length) to {@code endA} / {@code endB}. */
    private record Differing(int start, int endA, int endB) {
        static Differing of(CharSequence a, CharSequence b) {
            int start = 0;
            int shorter = Math.min(a.length(), b.length());
            while (start < shorter && a.charAt(start) == b.charAt(start)) {
                start++;
            }
            int endA = a.length();
            int endB = b.length();
            while (endA > start && endB > start && a.charAt(endA - 1) == b.charAt(endB - 1)) {
                endA--;
                endB--;
            }
            return new Differing(start, endA, endB);
        }
    }

    /**
     * Levenshtein distance, or -1 if it is larger than {@code k}. The common prefix and suffix are skipped first (they
     * never change the distance, and a near-copy is mostly both), then only a diagonal band of width 2k+1 of what
     * differs is computed.
     */
    static int boundedLevenshtein(CharSequence a, CharSequence b, int k) {
        if (Math.abs(a.length() - b.length()) > k) {
            return -1;
        }
        Differing d = Differing.of(a, b);
        return bandedLevenshtein(a.subSequence(d.start(), d.endA()), b.subSequence(d.start(), d.endB()), k);
    }

    private static int bandedLevenshtein(CharSequence a, CharSequence b, int k) {
        int la = a.length();
        int lb = b.length();
        final int inf = k + 1;
        int[] prev = new int[lb + 1];
        int[] cur = new int[lb + 1];
        for (int j = 0; j <= lb; j++) {
            prev[j] = j <= k ? j : inf;
        }
        for (int i = 1; i <= la; i++) {
            int from = Math.max(1, i - k);
            int to = Math.min(lb, i + k);
            cur[0] = i <= k ? i : inf;
            if (from > 1) {
                cur[from - 1] = inf;
            }
            int rowMin = cur[0];
            char ca = a.charAt(i - 1);
            for (int j = from; j <= to; j++) {
                int cost = ca == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                cur[j] = Math.min(v, inf);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (to < lb) {
                cur[to + 1] = inf;
            }
            if (rowMin > k) {
                return -1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[lb] > k ? -1 : prev[lb];
    }
}
