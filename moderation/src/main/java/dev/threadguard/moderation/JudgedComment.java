package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.judge.SecondOpinion;
import dev.threadguard.moderation.text.TextNormalizer;
import java.util.Locale;
import java.util.Set;

/**
 * A comment with its verdict so far, on its way through the repartition topics of the checks after the thread
 * stage (the author stage, {@link DuplicateScope}, and the global copy search, {@link GlobalCopyProcessor}), and
 * what the off-topic check's second opinion needs ({@code secondOpinion}, null when none is pending), which the
 * second-opinion stage ({@link SecondOpinionProcessor}) reads.
 */
public record JudgedComment(Comment comment, Verdict verdict, SecondOpinion secondOpinion) {
    /** What a verdict awaits while its second opinion is pending. */
    private static final Set<Flag> PROVISIONAL = Set.of(Flag.OFF_TOPIC);

    /** With no second opinion pending. */
    public JudgedComment(Comment comment, Verdict verdict) {
        this(comment, verdict, null);
    }

    /** The same comment and pending second opinion with the verdict a later check made of it. */
    JudgedComment withVerdict(Verdict checked) {
        return new JudgedComment(comment, checked, secondOpinion);
    }

    /**
     * The key under which an author's comments meet: the author name normalized the way the duplicate detector
     * compares authors (case, spacing, punctuation), or null for an anonymous comment, which has no history to
     * check.
     */
    static String authorKey(Comment comment) {
        String author = comment.author();
        if (author == null || author.isBlank()) {
            return null;
        }
        String key = TextNormalizer.normalize(author);
        return key.isEmpty() ? null : key;
    }

    /** What comments.moderated gets: the verdict, provisional for OFF_TOPIC while a second opinion is pending. */
    ModeratedComment moderated() {
        return new ModeratedComment(comment, secondOpinion == null ? verdict : verdict.awaiting(PROVISIONAL));
    }
}
