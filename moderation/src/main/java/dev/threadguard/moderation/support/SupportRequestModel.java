package dev.threadguard.moderation.support;

import dev.threadguard.moderation.text.TextNormalizer;

/**
 * Scores how much a text is a reader asking strangers for help with their own problem. The default is the learnt
 * {@link LinearSupportModel}; the seam lets tests and experiments plug in another.
 */
public interface SupportRequestModel {
    SupportAssessment assess(String text);

    /**
     * The same assessment when the caller already has the text normalized ({@link TextNormalizer#normalize}), as the
     * judge does; a model may skip normalising it again.
     */
    default SupportAssessment assess(String text, String normalized) {
        return assess(text);
    }

    /**
     * The same assessment when the caller also has the text's meaning features: what the model's
     * {@link SemanticVector} would give for {@code text} (the judge has the comment's static vector from the
     * off-topic check), or null to let the model compute them if it uses any. A model without meaning ignores them.
     */
    default SupportAssessment assess(String text, String normalized, float[] meaning) {
        return assess(text, normalized);
    }
}
