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
    /**
     * The most characters of text a pending second opinion carries ({@link #chars}); above it the thread stage gives
     * the second opinion at once instead. At most 3 bytes a character in UTF-8, 750 KB: with the comment (at most
     * 20,000 characters) it stays within a producer's default {@code max.request.size} of 1 MiB, which a record of
     * the 1,000,000-character article ingest accepts, with a thread of 30 long comments, would exceed (the
     * repartition would fail the thread stage's task over and over).
     */
    public static final int MAX_CHARS = 250_000;

    public SecondOpinion {
        Objects.requireNonNull(article, "article");
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** The characters of text it carries: the article's title, body, URL and tags, the parent's and recent comments' texts. */
    public long chars() {
        long n = length(article.title()) + length(article.body()) + length(article.url());
        if (article.tags() != null) {
            for (String tag : article.tags()) {
                n += length(tag);
            }
        }
        if (parent != null) {
            n += length(parent.title()) + length(parent.body());
        }
        for (Comment c : recent) {
            n += length(c.title()) + length(c.body()) + length(c.author());
        }
        return n;
    }

    /** Whether it is small enough to travel with the comment ({@link #MAX_CHARS}). */
    public boolean carriable() {
        return chars() <= MAX_CHARS;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
