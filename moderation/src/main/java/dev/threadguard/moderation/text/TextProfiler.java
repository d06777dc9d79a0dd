package dev.threadguard.moderation.text;

import dev.threadguard.contract.Comment;
import java.util.Arrays;

/**
 * Builds {@link TextProfile}s and keeps the most recent ones: a thread's earlier comments are looked at again
 * for every new comment, so each text is analysed once. Thread-safe.
 */
public final class TextProfiler {
    private static final int SHINGLE = 3;

    private final ContentAnalyzer analyzer;
    private final TermWeights weights;
    private final BoundedCache<String, TextProfile> cache;
    private final BoundedCache<CommentKey, TextProfile> byComment;

    public TextProfiler(int cacheSize) {
        this.analyzer = new ContentAnalyzer();
        this.weights = TermWeights.load(analyzer);
        this.cache = new BoundedCache<>(cacheSize);
        this.byComment = new BoundedCache<>(cacheSize);
    }

    /**
     * The profile of a comment's {@link Comment#fullText()}, cached by id, title and body: a thread's earlier
     * comments are looked up for every new comment, and keying by the parts (whose hashes Java caches per string)
     * avoids building and hashing the joined text on every lookup. The texts stay in the key so that an edited
     * resend under the same id is analysed again.
     */
    public TextProfile profile(Comment comment) {
        if (comment.commentId() == null) {
            return profile(comment.fullText());
        }
        CommentKey key = CommentKey.of(comment);
        TextProfile p = byComment.getIfPresent(key);
        if (p == null) {
            p = compute(comment.fullText() == null ? "" : comment.fullText());
            byComment.put(key, p);
        }
        return p;
    }

    public TextProfile profile(String text) {
        String t = text == null ? "" : text;
        TextProfile p = cache.getIfPresent(t);
        if (p == null) {
            p = compute(t);
            cache.put(t, p);
        }
        return p;
    }

    public TermWeights weights() {
        return weights;
    }

    public ContentAnalyzer analyzer() {
        return analyzer;
    }

    /** The cheap parts now; shingles and content terms when first asked for ({@link TextProfile}). */
    private TextProfile compute(String text) {
        String normalized = TextNormalizer.normalize(text);
        return new TextProfile(text, normalized, TextNormalizer.squeeze(normalized), TextNormalizer.wordCount(normalized), this);
    }

    /** Sorted distinct hashes of the character n-grams of {@code key} (the whole key when shorter than n). */
    static int[] shingles(String key) {
        if (key.isEmpty()) {
            return new int[0];
        }
        if (key.length() <= SHINGLE) {
            return new int[] {key.hashCode()};
        }
        int[] out = new int[key.length() - SHINGLE + 1];
        for (int i = 0; i < out.length; i++) {
            int h = 0;
            for (int j = i; j < i + SHINGLE; j++) {
                h = 31 * h + key.charAt(j);
            }
            out[i] = h * 0x9E3779B9;
        }
        sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[n++] = out[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Below this many values a comparison sort is as fast as the radix sort's fixed passes. */
    private static final int RADIX_FROM = 64;

    /**
     * Sorts ascending, as {@link Arrays#sort(int[])} does, by a least-significant-byte radix sort: shingle hashes are
     * random, so a comparison sort mispredicts a branch at about every other comparison, and sorting took longer
     * than all the rest of profiling a comment.
     */
    static void sort(int[] values) {
        if (values.length < RADIX_FROM) {
            Arrays.sort(values);
            return;
        }
        int[] source = values;
        int[] target = new int[values.length];
        int[] start = new int[256];
        for (int shift = 0; shift < 32; shift += 8) {
            // The top byte carries the sign: flipping its high bit puts negative values first.
            int flip = shift == 24 ? 0x80 : 0;
            Arrays.fill(start, 0);
            for (int v : source) {
                start[((v >>> shift) & 0xFF) ^ flip]++;
            }
            int sum = 0;
            for (int d = 0; d < 256; d++) {
                int c = start[d];
                start[d] = sum;
                sum += c;
            }
            for (int v : source) {
                target[start[((v >>> shift) & 0xFF) ^ flip]++] = v;
            }
            int[] t = source;
            source = target;
            target = t;
        }
        // Four passes: the sorted values are back in the caller's array.
    }
}
