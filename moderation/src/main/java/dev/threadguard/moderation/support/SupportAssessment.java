package dev.threadguard.moderation.support;

import java.util.List;

/**
 * A support-request model's answer.
 *
 * @param score    probability-like score in [0, 1]
 * @param evidence  the features that weighed, by the size of their contribution, strongest first (positive and negative)
 * @param abstained the text is in a language the cues do not cover (almost none of its words are grammar words of a
 *                  covered language): the score is capped low instead of guessed
 * @param modelScore the model's score before the cap (equal to {@code score} unless abstained)
 */
public record SupportAssessment(double score, List<Evidence> evidence, boolean abstained, double modelScore) {
    public SupportAssessment {
        evidence = List.copyOf(evidence);
    }

    public SupportAssessment(double score, List<Evidence> evidence) {
        this(score, evidence, false, score);
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
        SARCASM("reads as sarcastic"),
        IDIOM("\"help\" not asking for it"),
        VENTING("vents about unanswered questions"),
        OPINION("gives an opinion"),
        SALE("offers something for sale"),
        ADVICE("answers or asks someone else"),
        SEMANTIC("meaning");

        private final String label;

        Cue(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
