package dev.threadguard.moderation.support;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.support.SupportAssessment.Cue;
import dev.threadguard.moderation.support.SupportAssessment.Evidence;
import dev.threadguard.moderation.text.TextNormalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Is a comment a reader asking strangers for help with their own problem (rather than a question about the
 * article, a rhetorical question or a complaint)? Delegates the scoring to a {@link SupportRequestModel} (by default
 * the learnt {@link LinearSupportModel}) and turns its evidence into a reason a moderator can check.
 */
public final class SupportRequestDetector {
    /** Phrases named in a reason: the strongest ones, so the reason stays one line. */
    private static final int PHRASES_IN_REASON = 5;
    private static final int PHRASES_PER_CUE = 2;

    private final SupportRequestModel model;
    /** Scores {@link SupportFinding#cueScore}; the same object as {@code model} when there is one model. */
    private final SupportRequestModel cues;

    public SupportRequestDetector() {
        this(LinearSupportModel.bundled(), LinearSupportModel.bundledCues());
    }

    /**
     * One model for the finding's score and its cue score (so a model with meaning gives a cue score with meaning;
     * the judge's off-topic weights were fitted to the cue model's, {@link #SupportRequestDetector()}).
     */
    public SupportRequestDetector(SupportRequestModel model) {
        this(model, model);
    }

    public SupportRequestDetector(SupportRequestModel model, SupportRequestModel cues) {
        this.model = model;
        this.cues = cues;
    }

    public SupportFinding detect(Comment comment) {
        return detect(comment, TextNormalizer.normalize(comment.fullText()), 0.0);
    }

    /**
     * As {@link #detect(Comment)}, given the comment's full text already normalized ({@link TextNormalizer#normalize}),
     * with a reason only for a score from {@code reasonFrom} up (a caller that shows no reason below spares writing it).
     */
    public SupportFinding detect(Comment comment, String normalizedText, double reasonFrom) {
        return detect(comment, normalizedText, reasonFrom, null);
    }

    /**
     * As {@link #detect(Comment, String, double)}, with the comment's meaning features already computed
     * ({@link SupportRequestModel#assess(String, String, float[])}), or null.
     */
    public SupportFinding detect(Comment comment, String normalizedText, double reasonFrom, float[] meaning) {
        SupportAssessment a;
        double cueScore;
        if (cues == model) {
            a = model.assess(comment.fullText(), normalizedText, meaning);
            cueScore = a.score();
        } else if (model instanceof LinearSupportModel m && cues instanceof LinearSupportModel c && m.pairsWith(c)) {
            double[] second = new double[1];
            a = m.assess(comment.fullText(), normalizedText, meaning, c, second); // one pass over the features for both
            cueScore = second[0];
        } else {
            a = model.assess(comment.fullText(), normalizedText, meaning);
            cueScore = cues.assess(comment.fullText(), normalizedText).score();
        }
        if (a.abstained()) {
            // Worth saying only where the cues alone would have raised it: otherwise nothing was missed.
            String reason = a.modelScore() < reasonFrom ? null
                    : String.format(java.util.Locale.ROOT, "not judged: the support cues do not cover this text's"
                    + " language (its words alone would score %.2f)", a.modelScore());
            return new SupportFinding(a.score(), reason, true, cueScore);
        }
        return new SupportFinding(a.score(), a.score() < reasonFrom ? null : explain(a), false, cueScore);
    }

    /**
     * The phrases that pushed the score up most (at most five, strongest first within a group), grouped by what they
     * show, in a fixed order from the request to the wording:
     * {@code asks for help: "can someone help"; own device: "my computer"; symptom: "slow down"}. The strongest cue
     * against (not mere wording), if any, follows as {@code against: ...}.
     */
    static String explain(SupportAssessment a) {
        Map<Cue, List<String>> byCue = new EnumMap<>(Cue.class);
        int named = 0;
        Evidence against = null;
        for (Evidence e : a.evidence()) {
            if (e.weight() < 0) {
                if (against == null && e.cue() != Cue.FORM && e.cue() != Cue.WORDING) {
                    against = e;
                }
                continue;
            }
            if (named >= PHRASES_IN_REASON || e.cue() == Cue.FORM) {
                continue; // a question mark or the length alone says nothing a moderator needs to read
            }
            List<String> phrases = byCue.computeIfAbsent(e.cue(), c -> new ArrayList<>());
            if (phrases.size() < PHRASES_PER_CUE && !phrases.contains(e.phrase())) {
                phrases.add(e.phrase());
                named++;
            }
        }
        byCue.values().removeIf(List::isEmpty);
        if (byCue.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        byCue.forEach((cue, phrases) -> parts.add(cue.label() + ": "
                + String.join(", ", phrases.stream().map(p -> "\"" + p + "\"").toList())));
        if (against != null) {
            parts.add("against: \"" + against.phrase() + "\" (" + against.cue().label() + ")");
        }
        return String.join("; ", parts);
    }
}
