package dev.threadguard.moderation.support;

/**
 * What the support-request detector found.
 *
 * @param score  in [0, 1]
 * @param reason the phrases that weighed most, or null when nothing did
 */
public record SupportFinding(double score, String reason) {
}
