package dev.threadguard.sink;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Events for tests. */
public final class Samples {
    public static final Instant T0 = Instant.parse("2013-12-17T10:00:00Z");

    private Samples() {
    }

    public static Article article(String articleId, String title) {
        return new Article(articleId, title, "Body of " + title, "https://example.com/" + articleId, T0,
                List.of("Cloud", "Microsoft"));
    }

    /** A comment posted {@code minute} minutes after {@link #T0}, with an unflagged verdict. */
    public static ModeratedComment comment(String articleId, String commentId, String parentId, int minute) {
        return moderated(articleId, commentId, parentId, T0.plusSeconds(60L * minute), Set.of(), null);
    }

    public static ModeratedComment moderated(String articleId, String commentId, String parentId, Instant postedAt,
            Set<Flag> flags, String duplicateOf) {
        Comment comment = new Comment(commentId, articleId, parentId, "author of " + commentId, null,
                "text of " + commentId, postedAt);
        Verdict verdict = new Verdict(commentId, articleId, flags, duplicateOf,
                Map.of("duplicate", flags.contains(Flag.DUPLICATE) ? 0.97 : 0.1, "offTopic", 0.2, "supportRequest", 0.05),
                flags.stream().sorted().map(f -> "flagged for " + f).toList(),
                "test-1", postedAt.plusSeconds(1));
        return new ModeratedComment(comment, verdict);
    }

    /** {@code mc} with its verdict provisional for OFF_TOPIC: a revised verdict for the comment is to come. */
    public static ModeratedComment awaitingOffTopic(ModeratedComment mc) {
        return new ModeratedComment(mc.comment(), mc.verdict().awaiting(Set.of(Flag.OFF_TOPIC)));
    }
}
