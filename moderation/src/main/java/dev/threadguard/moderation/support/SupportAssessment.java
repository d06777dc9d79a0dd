package dev.threadguard.moderation.support;

import java.util.List;

/**
 * A support-request model's answer.
 *
 * @param score    probability-like score in [0, 1]
 * @param evidence the phrases that weighed, strongest first (positive and negative)
 */
public record SupportAssessment(double score, List<Evidence> evidence) {
    public SupportAssessment {
        evidence = List.copyOf(evidence);
    }

    /** A matched phrase, the kind of cue it is and the weight it carried. */
    public record Evidence(Cue cue, String phrase, double weight) {
    }

    /** The kinds of cue, with how a moderator reads them. */
    public enum Cue {
        REQUEST("asks for help"),
        OWN_PROBLEM("describes own problem"),
        TECH("mentions a device or software"),
        ABOUT_ARTICLE("talks about the article"),
        RHETORICAL("reads as rhetorical");

        private final String label;

        Cue(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
