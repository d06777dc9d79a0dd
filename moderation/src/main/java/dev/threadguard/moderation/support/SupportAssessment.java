package dev.threadguard.moderation.support;

import java.util.List;

/**
 * A support-request model's answer.
 *
 * @param score    probability-like score in [0, 1]
 * @param evidence the features that weighed, by the size of their contribution, strongest first (positive and negative)
 */
public record SupportAssessment(double score, List<Evidence> evidence) {
    public SupportAssessment {
        evidence = List.copyOf(evidence);
    }

    /** A matched phrase, the kind of cue it is and the contribution (learnt weight) it carried. */
    public record Evidence(Cue cue, String phrase, double weight) {
    }

    /** The kinds of cue, with how a moderator reads them. */
    public enum Cue {
        REQUEST("asks for help"),
        OWN_DEVICE("own device"),
        OWN_PROBLEM("own problem"),
        SYMPTOM("symptom"),
        TECH("mentions tech"),
        WORDING("wording"),
        FORM("form"),
        ABOUT_ARTICLE("talks about the article"),
        RHETORICAL("reads as rhetorical"),
        ADVICE("answers or asks someone else");

        private final String label;

        Cue(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
