package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.text.TextNormalizer;
import java.util.Locale;

/**
 * A comment with its verdict so far, on its way through the repartition topics of the checks after the thread
 * stage (the author stage, {@link DuplicateScope}, and the global copy search, {@link GlobalCopyProcessor}).
 */
public record JudgedComment(Comment comment, Verdict verdict) {
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

    ModeratedComment moderated() {
        return new ModeratedComment(comment, verdict);
    }
}
