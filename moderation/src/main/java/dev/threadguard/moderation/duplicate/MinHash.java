package dev.threadguard.moderation.duplicate;

import java.util.SplittableRandom;

/**
 * MinHash signatures over the character 3-grams of a normalized text key, cut into LSH bands.
 *
 * <p>Two texts whose 3-gram sets have Jaccard similarity J agree on each signature position with probability J,
 * so they share at least one band of {@code rows} positions with probability {@code 1 - (1 - J^rows)^bands}.
 * With the standard 32 positions in 16 bands of 2: J = 0.6 (a few words changed in a short comment) is a
 * candidate with probability 0.9992, J = 0.4 with 0.94, J = 0.1 (unrelated English text) with 0.15. A candidate
 * lookup is then one exact-match lookup per band instead of a comparison with every earlier text; candidates are
 * confirmed with the exact measure (edit distance) by {@link DuplicateDetector}. Identical keys have identical
 * signatures, so exact repeats are always candidates. Immutable and thread-safe.
 */
public final class MinHash {
    public static final int SHINGLE = 3;
    private static final long SEED = 0x7468726561646775L; // fixed: signatures must be stable across restarts

    private final int rows;
    private final int bands;
    private final long[] multipliers;
    private final long[] offsets;

    public MinHash(int bands, int rows) {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be at least 1, got " + bands + " and " + rows);
        }
        this.bands = bands;
        this.rows = rows;
        SplittableRandom random = new SplittableRandom(SEED);
        int n = bands * rows;
        this.multipliers = new long[n];
        this.offsets = new long[n];
        for (int i = 0; i < n; i++) {
            multipliers[i] = random.nextLong() | 1L;
            offsets[i] = random.nextLong();
        }
    }

    /** 16 bands of 2 rows: tuned for near-copies (Jaccard of 3-grams around 0.4 and up). */
    public static MinHash standard() {
        return new MinHash(16, 2);
    }

    public int bands() {
        return bands;
    }

    public int rows() {
        return rows;
    }

    /** The signature of a key (normalized text without spaces); an empty key has an all-max signature. */
    public int[] signature(CharSequence key) {
        int n = bands * rows;
        long[] shingles = new long[Math.max(1, key.length() - SHINGLE + 1)];
        for (int s = 0; s < shingles.length; s++) {
            shingles[s] = shingle(key, s);
        }
        int[] out = new int[n];
        // Four hash functions at a time over all shingles: their minima stay in registers and are independent, so
        // the multiplications overlap instead of waiting for one another.
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long m0 = multipliers[i];
            long m1 = multipliers[i + 1];
            long m2 = multipliers[i + 2];
            long m3 = multipliers[i + 3];
            long o0 = offsets[i];
            long o1 = offsets[i + 1];
            long o2 = offsets[i + 2];
            long o3 = offsets[i + 3];
            long min0 = Long.MAX_VALUE;
            long min1 = Long.MAX_VALUE;
            long min2 = Long.MAX_VALUE;
            long min3 = Long.MAX_VALUE;
            for (long x : shingles) {
                // Universal hashing with 64-bit multipliers; the unsigned high half is the well-mixed part.
                min0 = Math.min(min0, (m0 * x + o0) >>> 1);
                min1 = Math.min(min1, (m1 * x + o1) >>> 1);
                min2 = Math.min(min2, (m2 * x + o2) >>> 1);
                min3 = Math.min(min3, (m3 * x + o3) >>> 1);
            }
            out[i] = (int) (min0 >>> 31);
            out[i + 1] = (int) (min1 >>> 31);
            out[i + 2] = (int) (min2 >>> 31);
            out[i + 3] = (int) (min3 >>> 31);
        }
        for (; i < n; i++) {
            long min = Long.MAX_VALUE;
            for (long x : shingles) {
                min = Math.min(min, (multipliers[i] * x + offsets[i]) >>> 1);
            }
            out[i] = (int) (min >>> 31);
        }
        return out;
    }

    /** One hash per band of a signature; the band's number is mixed in so that equal rows of different bands differ. */
    public long[] bandHashes(int[] signature) {
        if (signature.length != bands * rows) {
            throw new IllegalArgumentException("signature of " + signature.length + " values, expected " + bands * rows);
        }
        long[] out = new long[bands];
        for (int b = 0; b < bands; b++) {
            long h = mix(b + 1L);
            for (int r = 0; r < rows; r++) {
                h = mix(h ^ (signature[b * rows + r] & 0xffffffffL));
            }
            out[b] = h;
        }
        return out;
    }

    public long[] bandHashes(CharSequence key) {
        return bandHashes(signature(key));
    }

    /** Share of equal positions: an unbiased estimate of the Jaccard similarity of the two 3-gram sets. */
    public static double estimate(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("signatures of different or zero length: " + a.length + ", " + b.length);
        }
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }

    /** Hash of the 3-gram at {@code start} (the whole key when it is shorter than a 3-gram). */
    private static long shingle(CharSequence key, int start) {
        int end = Math.min(key.length(), start + SHINGLE);
        long h = 0x9E3779B97F4A7C15L;
        for (int i = start; i < end; i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /** SplitMix64 finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
