package dev.threadguard.moderation.offtopic;

/**
 * Texts as vectors whose directions stand for their meanings: the off-topic detector's only view of a semantic
 * model. Two implementations are meant to fit: a sentence transformer ({@link MiniLmEmbedder}, about 5 ms a text)
 * and a static token-embedding table (a vector per text in microseconds).
 *
 * <p>Contract: {@link #vector} returns a new or shared, never modified, {@code float[]} of exactly
 * {@link #dimension()} entries with Euclidean length 1 (within 1e-3), so that the dot product of two vectors is their
 * cosine similarity in [-1, 1]; or null when the text holds nothing the model can represent (blank, only symbols or
 * words it has no vector for). It never throws for ordinary text; a failing model may throw a RuntimeException,
 * which the detector catches (it then judges on words alone). Implementations are safe for concurrent calls (Kafka
 * Streams judges on several threads) and may shorten a very long text.
 */
public interface TextVectors {
    /** The unit vector of the text, or null when there is nothing to represent. */
    float[] vector(String text);

    /** Length of every vector returned. */
    int dimension();

    /** A short name for logs and reasons, e.g. the model's name. */
    String name();

    /**
     * Cosine similarity of two unit vectors of the same model: their dot product, each product rounded to a float
     * and summed in double. Four partial sums: one running sum waits on each addition before the next (a latency of
     * several cycles per dimension), and a comment is compared with some 150 vectors (article, thread, the other
     * recent articles).
     */
    static double similarity(float[] a, float[] b) {
        return similarity(a, b, 0);
    }

    /** {@link #similarity(float[], float[])} with the second vector at {@code offset} of {@code b} (a row of a matrix). */
    static double similarity(float[] a, float[] b, int offset) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[offset + i];
            s1 += a[i + 1] * b[offset + i + 1];
            s2 += a[i + 2] * b[offset + i + 2];
            s3 += a[i + 3] * b[offset + i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
