package dev.threadguard.contract;

/**
 * What a moderator decided about one comment. The three corrections say that the pipeline raised a
 * flag wrongly; they dismiss that flag and are kept as labelled examples for tuning the detectors.
 */
public enum DecisionAction {
    APPROVE(null),
    REJECT(null),
    NOT_DUPLICATE(Flag.DUPLICATE),
    NOT_OFF_TOPIC(Flag.OFF_TOPIC),
    NOT_SUPPORT_REQUEST(Flag.SUPPORT_REQUEST);

    private final Flag corrects;

    DecisionAction(Flag corrects) {
        this.corrects = corrects;
    }

    /** The flag this correction dismisses, or null for approve and reject. */
    public Flag corrects() {
        return corrects;
    }

    public boolean isCorrection() {
        return corrects != null;
    }

    /** The correction that dismisses {@code flag}. */
    public static DecisionAction correcting(Flag flag) {
        for (DecisionAction action : values()) {
            if (action.corrects == flag) {
                return action;
            }
        }
        throw new IllegalArgumentException("no correction for " + flag);
    }
}
