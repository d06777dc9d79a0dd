package dev.threadguard.moderation.support;

import dev.threadguard.moderation.semantic.StaticEmbeddings;
import dev.threadguard.moderation.text.TextNormalizer;

/**
 * The meaning features of the shipped support-request model ({@code v:0 .. v:127}): the text's static token-embedding
 * vector ({@link StaticEmbeddings}, the same vector the off-topic detector measures, of the text as a reader sees it,
 * {@link TextNormalizer#analyzable}) times {@value #SCALE}, or zeros for a text without a known word piece.
 *
 * <p>What they add: a request phrased with none of the cue phrases ("No puedo iniciar sesión en mi cuenta…",
 * "Mein Drucker druckt seit gestern nur noch leere Seiten…") still reads like the requests the model learnt from.
 * Why the scale: it sets how much the regularisation lets meaning weigh against the hand-written cues. Learnt on the
 * project's own examples, scales 0.5, 1, 2, 3 and 5 gave development-set SUPPORT_REQUEST F1 0.935, 0.936, 0.944,
 * 0.929 and 0.900 (0.928 without meaning): from 3 up the vectors learn the wording of the templated examples
 * instead of what a request is about.
 */
public final class StaticSupportVectors implements SemanticVector {
    /** Multiplies the unit vector: see the class description. */
    public static final float SCALE = 2f;

    @Override
    public float[] vector(String text) {
        return features(StaticEmbeddings.shipped().vector(TextNormalizer.analyzable(text == null ? "" : text)));
    }

    /**
     * The features from a vector already computed for the same text (the off-topic detector's): {@code unit} times
     * {@link #SCALE}, shape [128]; zeros of the table's width for null (a text the table has nothing for).
     */
    public static float[] features(float[] unit) {
        float[] out = new float[unit == null ? StaticEmbeddings.shipped().dimensions() : unit.length];
        if (unit != null) {
            for (int i = 0; i < unit.length; i++) {
                out[i] = unit[i] * SCALE;
            }
        }
        return out;
    }
}
