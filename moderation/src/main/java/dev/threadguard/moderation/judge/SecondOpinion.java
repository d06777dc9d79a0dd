package dev.threadguard.moderation.judge;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import java.util.List;
import java.util.Objects;

/**
 * What the off-topic check's second opinion needs to judge a comment again with the transformer, away from the
 * thread stage that holds the thread: the context its first judgement read. Carried with the comment through the
 * topology's {@code second-opinion} repartition ({@link CommentJudge#secondOpinion}).
 *
 * @param article  the article the comment was judged against (never null: without one there is no second opinion)
 * @param parent   the comment replied to, or null
 * @param recent   the recent thread the off-topic check read (at most its thread window, without the comment and
 *                 its parent), oldest first
 * @param cueScore the support cue model's score of the comment, which the off-topic model weighs, in [0, 1]
 */
public record SecondOpinion(Article article, Comment parent, List<Comment> recent, double cueScore) {
    public SecondOpinion {
        Objects.requireNonNull(article, "article");
        recent = recent == null ? List.of() : List.copyOf(recent);
    }
}
