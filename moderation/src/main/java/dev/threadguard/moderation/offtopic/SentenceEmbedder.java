package dev.threadguard.moderation.offtopic;

/**
 * Turns a text into a vector whose direction stands for its meaning, so that a paraphrase sharing no word with
 * the article still lands near it. Implementations must be safe to call from several threads at once: Kafka
 * Streams may judge comments on several stream threads that share one detector.
 */
public interface SentenceEmbedder {
    /**
     * @param text non-blank text; implementations may shorten a very long one
     * @return a vector of length one (so the dot product of two vectors is their cosine similarity)
     */
    float[] embed(String text);

    /** A short name for logs and reasons, e.g. the model's name. */
    String name();

    /** Cosine similarity of two unit vectors of the same embedder. */
    static double similarity(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
