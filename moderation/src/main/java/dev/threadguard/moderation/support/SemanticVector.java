package dev.threadguard.moderation.support;

/**
 * Meaning in the support-request model: a fixed-length vector per text (for example the mean of static token
 * embeddings), whose components become the features {@code v:0 .. v:n-1} of {@link SupportFeatures}. A model trained
 * with vectors ({@link SupportModelTrainer#train(java.util.List, SupportModelTrainer.Settings, SemanticVector)}) must
 * be scored with the same kind of vector ({@link LinearSupportModel#withSemantic}); the shipped model is trained with
 * {@link StaticSupportVectors}, the cue model ({@link LinearSupportModel#bundledCues}) without one.
 */
@FunctionalInterface
public interface SemanticVector {
    /**
     * @param text the comment as written
     * @return the vector, always of the same length for one implementation; microseconds, not milliseconds, since
     *         it runs for every comment
     */
    float[] vector(String text);
}
