package dev.threadguard.contract;

/** What a moderator may be asked to look at. */
public enum Flag {
    DUPLICATE("duplicate"),
    OFF_TOPIC("offTopic"),
    SUPPORT_REQUEST("supportRequest");

    private final String scoreKey;

    Flag(String scoreKey) {
        this.scoreKey = scoreKey;
    }

    /** The key of this flag's score in {@link Verdict#scores()}, as dataset-format.md spells it. */
    public String scoreKey() {
        return scoreKey;
    }
}
