package dev.threadguard.moderation.duplicate;

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

    /** Share of {@code a}'s elements that are also in {@code b}. */
    public static double containment(int[] a, int[] b) {
        return a.length == 0 ? 0.0 : (double) intersection(a, b) / a.length;
    }

    static int intersection(int[] a, int[] b) {
        return intersection(a, a.length, b);
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
     * {@link #editSimilarity} estimated from three windows of {@code window} characters, at the start, the middle
     * and the end of both texts (their mean), each allowed {@code maxDistance} edits: for texts too
     * long to compare whole at a bounded cost (characters × (2 × maxDistance + 1) per window). Texts no longer than
     * a window are compared whole. Returns -1 when a window differs by more than {@code maxDistance}.
     */
    public static double sampledEditSimilarity(CharSequence a, CharSequence b, int window, int maxDistance) {
        if (a.length() <= window || b.length() <= window) {
            return editSimilarity(a, b, maxDistance);
        }
        double sum = 0;
        for (int part = 0; part < 3; part++) {
            CharSequence wa = a.subSequence(windowStart(a.length(), window, part), windowStart(a.length(), window, part) + window);
            CharSequence wb = b.subSequence(windowStart(b.length(), window, part), windowStart(b.length(), window, part) + window);
            double sim = editSimilarity(wa, wb, maxDistance);
            if (sim < 0) {
                return -1.0;
            }
            sum += sim;
        }
        return sum / 3;
    }

    private static int windowStart(int length, int window, int part) {
        return part == 0 ? 0 : part == 1 ? (length - window) / 2 : length - window;
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
        return bandedLevenshtein(a.subSequence(start, endA), b.subSequence(start, endB), k);
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
