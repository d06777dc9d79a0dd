package dev.threadguard.moderation.offtopic;

/**
 * A model that embeds a whole sentence or paragraph (a transformer): the {@link TextVectors} the detector reads,
 * with {@link #embed} refusing blank text where {@link #vector} answers null. Implementations must be safe to call
 * from several threads at once: Kafka Streams may judge comments on several stream threads that share one detector.
 */
public interface SentenceEmbedder extends TextVectors {
    /**
     * @param text non-blank text; implementations may shorten a very long one
     * @return a vector of length one (so the dot product of two vectors is their cosine similarity)
     */
    float[] embed(String text);

    @Override
    default float[] vector(String text) {
        return text == null || text.isBlank() ? null : embed(text);
    }

    /** The transformer's output size (all-MiniLM-L6-v2: 384). */
    @Override
    default int dimension() {
        return MiniLmEmbedder.DIMENSION;
    }

    /** Cosine similarity of two unit vectors of the same embedder. */
    static double similarity(float[] a, float[] b) {
        return TextVectors.similarity(a, b);
    }
}
