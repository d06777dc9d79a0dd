package dev.threadguard.moderation.duplicate;

/**
 * What the duplicate detector found.
 *
 * @param score       in [0, 1]: how surely the comment repeats an earlier one
 * @param duplicateOf the first earlier comment it repeats (score at or above the threshold), else null
 * @param reason      a sentence for a moderator, or null when there is nothing worth saying
 */
public record DuplicateFinding(double score, String duplicateOf, String reason) {
    public static final DuplicateFinding NONE = new DuplicateFinding(0.0, null, null);

    public boolean flagged() {
        return duplicateOf != null;
    }
}
