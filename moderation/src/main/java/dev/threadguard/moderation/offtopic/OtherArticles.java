package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The articles this moderation instance saw most recently, as the subjects a comment could have been meant for:
 * a comment that reads like another story's (posted under the wrong one, or carried over from elsewhere) is closer
 * to that story than to its own. {@link #closest} gives the highest similarity of a comment's vector with any of
 * them but its own article; the off-topic model weighs it against the similarity with its own.
 *
 * <p>Bounded to the {@code capacity} articles first seen most recently (an article's new version counts as new);
 * the oldest is dropped first. The detector keeps {@link #RECENT}: the highest of n similarities grows with n, so
 * the input means what it meant when the weights were fitted only while n stays near the development set's
 * hundred-odd articles. Not a cache: which articles are kept changes results, so eviction follows arrival order
 * rather than a cache's usage-based policy. Deterministic where the stream is replayed in one thread (the
 * {@code evaluate} command); in the service the set depends on how the stream threads interleave, on which
 * partitions the instance owns and on how long it has run (nothing is restored after a restart: the articles of
 * new events and of judged comments fill it again). Each article's vector is
 * computed once per kind of vectors, when first needed, and kept with it. With several instances each sees the
 * articles of its own partitions: a sample of the site's recent subjects.
 *
 * <p>Cost per comment: one dot product per kept article ({@code capacity} × dimensions multiply-adds: 100
 * articles of 128 dimensions, 12,800), over one contiguous copy of the vectors, four articles at a time (a dot
 * product per article, each vector looked up, took 10–15 µs); of MiniLM's 384, three times that. Thread-safe:
 * readers iterate an immutable snapshot, replaced when an article is added (once per article), and its vectors'
 * copy per model, rebuilt with it.
 */
public final class OtherArticles {
    /**
     * Articles the off-topic detector compares with: about as many as the development set the weights were fitted on
     * has (102), see above.
     */
    public static final int RECENT = 100;

    private static final float[] NONE = new float[0];

    private final int capacity;
    private final LinkedHashMap<String, Entry> byArrival = new LinkedHashMap<>();
    private final Map<String, Entry> index = new ConcurrentHashMap<>();
    private volatile Entry[] snapshot = new Entry[0];

    /** @param capacity articles kept, at least 1 */
    public OtherArticles(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records that the article was seen (new, or a new version of it); cheap when it is already kept as it is. */
    public void note(Article article) {
        Entry known = index.get(article.articleId());
        if (known != null && known.sameContent(article)) {
            return;
        }
        synchronized (this) {
            known = byArrival.get(article.articleId());
            if (known != null && known.sameContent(article)) {
                return; // noted meanwhile by another thread: keeps its place
            }
            Entry entry = new Entry(article);
            byArrival.remove(article.articleId());
            byArrival.put(article.articleId(), entry);
            index.put(article.articleId(), entry);
            while (byArrival.size() > capacity) {
                String eldest = byArrival.keySet().iterator().next();
                byArrival.remove(eldest);
                index.remove(eldest);
            }
            snapshot = byArrival.values().toArray(new Entry[0]);
        }
    }

    /** Forgets a deleted article. */
    public synchronized void forget(String articleId) {
        if (byArrival.remove(articleId) != null) {
            index.remove(articleId);
            snapshot = byArrival.values().toArray(new Entry[0]);
        }
    }

    /** Articles kept now. */
    public int size() {
        return snapshot.length;
    }

    /** The kept article closest to a comment, and its cosine similarity with it, in [-1, 1]. */
    record Closest(Article article, double similarity) {
    }

    /**
     * The kept article other than {@code ownArticleId} whose vector is closest to {@code comment} (a unit vector of
     * {@code vectors}' model), or null when there is none with a vector.
     */
    Closest closest(EmbeddingCache vectors, float[] comment, String ownArticleId) {
        Entry[] entries = snapshot;
        String model = vectors.embedder().name();
        Matrix m = matrices.get(model);
        if (m == null || m.entries != entries || m.dimensions != comment.length) {
            m = Matrix.of(entries, vectors, comment.length);
            matrices.put(model, m);
        }
        double[] similarities = m.similarities(comment);
        Entry best = null;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m.kept.length; j++) {
            Entry e = m.kept[j];
            if (!e.article.articleId().equals(ownArticleId) && similarities[j] > bestSimilarity) {
                best = e;
                bestSimilarity = similarities[j];
            }
        }
        return best == null ? null : new Closest(best.article, bestSimilarity);
    }

    /** By model name: the kept articles' vectors of the current snapshot, laid out for one pass over all of them. */
    private final Map<String, Matrix> matrices = new ConcurrentHashMap<>(2);

    /**
     * The vectors of a snapshot's articles that have one, in one array ({@code values[j * dimensions + d]}:
     * dimension d of article j), so that {@link #similarities} reads them in order without a look-up per article,
     * and scores four articles per pass over the comment's vector: sixteen independent running sums, where one
     * dot product at a time waited on its four. Rebuilt when the snapshot changes (once per new article). Immutable.
     */
    private static final class Matrix {
        final Entry[] entries;
        final Entry[] kept;
        final int dimensions;
        final float[] values;

        private Matrix(Entry[] entries, Entry[] kept, int dimensions, float[] values) {
            this.entries = entries;
            this.kept = kept;
            this.dimensions = dimensions;
            this.values = values;
        }

        static Matrix of(Entry[] entries, EmbeddingCache vectors, int dimensions) {
            java.util.List<Entry> kept = new java.util.ArrayList<>(entries.length);
            java.util.List<float[]> rows = new java.util.ArrayList<>(entries.length);
            for (Entry e : entries) {
                float[] v = e.vector(vectors);
                if (v != NONE && v.length == dimensions) {
                    kept.add(e);
                    rows.add(v);
                }
            }
            float[] values = new float[dimensions * kept.size()];
            for (int j = 0; j < rows.size(); j++) {
                System.arraycopy(rows.get(j), 0, values, j * dimensions, dimensions);
            }
            return new Matrix(entries, kept.toArray(new Entry[0]), dimensions, values);
        }

        /**
         * The cosine of {@code comment} with each kept article: bit for bit {@link TextVectors#similarity} (the same
         * float products, summed into the same four partial sums in the same order, added up the same way).
         */
        double[] similarities(float[] comment) {
            int n = kept.length;
            int dims = dimensions;
            double[] out = new double[n];
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int a = j * dims;
                int b = a + dims;
                int c = b + dims;
                int e = c + dims;
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                double b0 = 0, b1 = 0, b2 = 0, b3 = 0;
                double c0 = 0, c1 = 0, c2 = 0, c3 = 0;
                double e0 = 0, e1 = 0, e2 = 0, e3 = 0;
                int d = 0;
                for (; d + 3 < dims; d += 4) {
                    float x0 = comment[d];
                    float x1 = comment[d + 1];
                    float x2 = comment[d + 2];
                    float x3 = comment[d + 3];
                    a0 += x0 * values[a + d];
                    a1 += x1 * values[a + d + 1];
                    a2 += x2 * values[a + d + 2];
                    a3 += x3 * values[a + d + 3];
                    b0 += x0 * values[b + d];
                    b1 += x1 * values[b + d + 1];
                    b2 += x2 * values[b + d + 2];
                    b3 += x3 * values[b + d + 3];
                    c0 += x0 * values[c + d];
                    c1 += x1 * values[c + d + 1];
                    c2 += x2 * values[c + d + 2];
                    c3 += x3 * values[c + d + 3];
                    e0 += x0 * values[e + d];
                    e1 += x1 * values[e + d + 1];
                    e2 += x2 * values[e + d + 2];
                    e3 += x3 * values[e + d + 3];
                }
                for (; d < dims; d++) {
                    a0 += comment[d] * values[a + d];
                    b0 += comment[d] * values[b + d];
                    c0 += comment[d] * values[c + d];
                    e0 += comment[d] * values[e + d];
                }
                out[j] = (a0 + a1) + (a2 + a3);
                out[j + 1] = (b0 + b1) + (b2 + b3);
                out[j + 2] = (c0 + c1) + (c2 + c3);
                out[j + 3] = (e0 + e1) + (e2 + e3);
            }
            for (; j < n; j++) {
                out[j] = TextVectors.similarity(comment, values, j * dims);
            }
            return out;
        }
    }

    private static final class Entry {
        final Article article;
        /** By model name; {@link #NONE} for an article without text the model can represent. */
        final Map<String, float[]> vectors = new ConcurrentHashMap<>(2);

        Entry(Article article) {
            this.article = article;
        }

        boolean sameContent(Article a) {
            return Objects.equals(article.body(), a.body()) && Objects.equals(article.title(), a.title())
                    && Objects.equals(article.tags(), a.tags());
        }

        float[] vector(EmbeddingCache vectors) {
            float[] v = this.vectors.get(vectors.embedder().name());
            if (v == null) {
                float[] computed = vectors.article(article);
                v = computed == null ? NONE : computed;
                this.vectors.put(vectors.embedder().name(), v);
            }
            return v;
        }
    }
}
