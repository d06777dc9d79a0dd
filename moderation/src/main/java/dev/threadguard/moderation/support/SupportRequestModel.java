package dev.threadguard.moderation.support;

/**
 * Scores how much a text is a reader asking strangers for help with their own problem. The default is the learnt
 * {@link LinearSupportModel}; the seam lets tests and experiments plug in another.
 */
public interface SupportRequestModel {
    SupportAssessment assess(String text);
}
