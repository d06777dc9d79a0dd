package dev.threadguard.moderation.text;

import dev.threadguard.contract.Comment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        CommentKey key = new CommentKey(comment.commentId(), comment.title(), comment.body());
        return byComment.get(key, k -> compute(comment.fullText() == null ? "" : comment.fullText()));
    }

    private record CommentKey(String commentId, String title, String body) {
    }

    public TextProfile profile(String text) {
        return cache.get(text == null ? "" : text, this::compute);
    }

    public TermWeights weights() {
        return weights;
    }

    public ContentAnalyzer analyzer() {
        return analyzer;
    }

    private TextProfile compute(String text) {
        String normalized = TextNormalizer.normalize(text);
        String key = TextNormalizer.squeeze(normalized);
        List<String> terms = analyzer.terms(text);
        Map<String, Integer> counts = new HashMap<>();
        for (String t : terms) {
            counts.merge(t, 1, Integer::sum);
        }
        double substance = 0;
        for (String t : counts.keySet()) {
            substance += weights.weight(t);
        }
        return new TextProfile(normalized, key, TextNormalizer.wordCount(normalized), shingles(key), terms, counts, substance);
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
        Arrays.sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[n++] = out[i];
            }
        }
        return Arrays.copyOf(out, n);
    }
}
