package dev.threadguard.moderation.support;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.support.SupportAssessment.Cue;
import dev.threadguard.moderation.support.SupportAssessment.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Is a comment a reader asking strangers for help with their own problem (rather than a question about the
 * article, a rhetorical question or a complaint)? Delegates the scoring to a {@link SupportRequestModel} and turns
 * its evidence into a reason a moderator can check.
 */
public final class SupportRequestDetector {
    private static final int PHRASES_PER_CUE = 2;

    private final SupportRequestModel model;

    public SupportRequestDetector() {
        this(new PhraseRuleModel());
    }

    public SupportRequestDetector(SupportRequestModel model) {
        this.model = model;
    }

    public SupportFinding detect(Comment comment) {
        SupportAssessment a = model.assess(comment.fullText());
        return new SupportFinding(a.score(), explain(a));
    }

    /** {@code asks for help ("can someone help"), describes own problem ("my computer", "slow down")}. */
    static String explain(SupportAssessment a) {
        Map<Cue, List<String>> byCue = new LinkedHashMap<>();
        for (Evidence e : a.evidence()) {
            if (e.phrase().equals("?")) {
                continue; // a question mark alone says nothing a moderator needs to read
            }
            List<String> phrases = byCue.computeIfAbsent(e.cue(), c -> new ArrayList<>());
            if (phrases.size() < PHRASES_PER_CUE && !phrases.contains(e.phrase())) {
                phrases.add(e.phrase());
            }
        }
        if (byCue.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        byCue.forEach((cue, phrases) -> parts.add(cue.label() + " (" + String.join(", ", phrases.stream().map(p -> "\"" + p + "\"").toList()) + ")"));
        return String.join(", ", parts);
    }
}
