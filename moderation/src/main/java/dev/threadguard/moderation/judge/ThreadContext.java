package dev.threadguard.moderation.judge;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import java.util.List;

/**
 * What is known of a thread when one of its comments is judged.
 *
 * @param article the article, or null when it did not arrive within the hold time
 * @param parent  the comment replied to, or null for a top-level comment (or a parent never seen)
 * @param earlier earlier comments of the same thread, oldest first, bounded by configuration
 * @param duplicateCandidates the earlier comments of the thread the duplicate check compares with, oldest first, as it
 *                            holds them ({@link DuplicateDetector.Prepared}, keeping its analysis between comments):
 *                            those an LSH lookup found ({@code DuplicateDetector#bandHashes}), or all of
 *                            {@code earlier} when there is no index
 */
public record ThreadContext(Article article, Comment parent, List<Comment> earlier,
        List<DuplicateDetector.Prepared> duplicateCandidates) {
    public ThreadContext {
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
        duplicateCandidates = duplicateCandidates == null
                ? earlier.stream().map(DuplicateDetector.Prepared::of).toList() : List.copyOf(duplicateCandidates);
    }

    /** Without an LSH index: every earlier comment is a duplicate candidate. */
    public ThreadContext(Article article, Comment parent, List<Comment> earlier) {
        this(article, parent, earlier, null);
    }
}
