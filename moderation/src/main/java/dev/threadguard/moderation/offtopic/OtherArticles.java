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
 * articles of 128 dimensions, 12,800, about 10–15 µs; of MiniLM's 384, three times that). Thread-safe: readers
 * iterate an immutable snapshot, replaced when an article is added (once per article).
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
        Entry best = null;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (Entry e : snapshot) {
            if (e.article.articleId().equals(ownArticleId)) {
                continue;
            }
            float[] v = e.vector(vectors);
            if (v != NONE) {
                double s = TextVectors.similarity(comment, v);
                if (s > bestSimilarity) {
                    best = e;
                    bestSimilarity = s;
                }
            }
        }
        return best == null ? null : new Closest(best.article, bestSimilarity);
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
