package dev.threadguard.moderation.support;

/**
 * Scores how much a text is a reader asking strangers for help with their own problem. The seam where a learned
 * model will replace today's phrase rules ({@link PhraseRuleModel}).
 */
public interface SupportRequestModel {
    SupportAssessment assess(String text);
}
