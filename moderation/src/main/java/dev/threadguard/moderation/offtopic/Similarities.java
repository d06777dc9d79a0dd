package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cosine similarities of a comment's vector ({@link TextVectors} via {@link EmbeddingCache}) with its article's,
 * its parent's and the recent thread's (the mean of the thread's comment vectors already computed, topped up with
 * the latest others to {@link #THREAD_SAMPLE}); NaN where there is nothing to compare. Two more read the thread
 * as a population: {@code nearest}, the similarity with the closest single thread comment (a reader on the subject
 * usually echoes someone), and {@code siblingsToArticle}, the thread comments' mean similarity with the article
 * (under a bare title every comment is far from the article: what counts is being farther than the others). And
 * {@code elsewhere}, the closest of the other articles seen recently ({@link OtherArticles}; null when none): a
 * comment meant for another story is closer to that story than to its own.
 */
record Similarities(double article, double parent, double thread, double nearest, double siblingsToArticle,
                    OtherArticles.Closest elsewhere) {
    /** The similarity with the closest other recent article, NaN when none was compared. */
    double otherArticle() {
        return elsewhere == null ? Double.NaN : elsewhere.similarity();
    }

    /**
     * Thread comments whose vectors stand for the thread's subject when fewer are cached: the latest ones are
     * computed to reach this many, so the thread counts from its second comment on without embedding all of it.
     */
    static final int THREAD_SAMPLE = 3;
    /** How much closer to another recent article than to its own a comment must be for a reason to name it. */
    static final double NAMED_MARGIN = 0.1;

    boolean measurable() {
        return !Double.isNaN(article) || !Double.isNaN(parent) || !Double.isNaN(thread);
    }

    /**
     * @param recent the recent thread without the comment and its parent, latest first
     * @param others the other articles seen recently, or null when not compared with
     * @return the similarities, or null when the comment has no vector
     */
    static Similarities of(EmbeddingCache cache, Comment comment, Article article, Comment parent, List<Comment> recent,
                           OtherArticles others) {
        float[] self = cache.comment(comment);
        if (self == null) {
            return null;
        }
        float[] a = cache.article(article);
        float[] p = parent == null ? null : cache.comment(parent);
        List<float[]> vectors = threadVectors(cache, recent);
        float[] thread = null;
        double nearest = Double.NaN;
        for (float[] v : vectors) {
            thread = add(thread, v);
            double sim = TextVectors.similarity(self, v);
            nearest = Double.isNaN(nearest) ? sim : Math.max(nearest, sim);
        }
        double siblings = thread == null || a == null ? Double.NaN : TextVectors.similarity(a, thread) / vectors.size();
        Similarities s = new Similarities(
                a == null ? Double.NaN : TextVectors.similarity(self, a),
                p == null ? Double.NaN : TextVectors.similarity(self, p),
                thread == null ? Double.NaN : cosine(self, thread), nearest, siblings,
                others == null ? null : others.closest(cache, self, article.articleId()));
        return s.measurable() ? s : null;
    }

    private static List<float[]> threadVectors(EmbeddingCache cache, List<Comment> recent) {
        List<float[]> out = new ArrayList<>();
        int used = 0;
        List<Comment> uncached = new ArrayList<>();
        for (Comment e : recent) {
            float[] v = cache.cachedComment(e);
            if (v == null) {
                uncached.add(e);
                continue;
            }
            out.add(v);
            used++;
        }
        for (int i = 0; i < uncached.size() && used < THREAD_SAMPLE; i++) {
            float[] v = cache.comment(uncached.get(i));
            if (v != null) {
                out.add(v);
                used++;
            }
        }
        return out;
    }

    private static float[] add(float[] sum, float[] v) {
        float[] out = sum == null ? new float[v.length] : sum;
        for (int i = 0; i < v.length; i++) {
            out[i] += v[i];
        }
        return out;
    }

    private static double cosine(float[] unit, float[] v) {
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            dot += unit[i] * v[i];
            norm += v[i] * v[i];
        }
        return norm == 0 ? 0 : dot / Math.sqrt(norm);
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        part(parts, article, "article");
        part(parts, parent, "parent");
        part(parts, thread, "thread");
        // Named only where it says something: clearly closer to another story than to its own.
        if (elsewhere != null && elsewhere.similarity() >= article + NAMED_MARGIN) {
            parts.add(String.format(Locale.ROOT, "%.2f (another recent article, %s)", elsewhere.similarity(),
                    OffTopicReasons.title(elsewhere.article())));
        }
        return parts.isEmpty() ? "not measurable" : String.join(", ", parts);
    }

    private static void part(List<String> parts, double s, String what) {
        if (!Double.isNaN(s)) {
            parts.add(String.format(Locale.ROOT, "%.2f (%s)", s, what));
        }
    }
}
