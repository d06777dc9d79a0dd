package dev.threadguard.moderation;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.text.TextNormalizer;
import java.util.Locale;

/**
 * A comment with its verdict so far, on its way through the repartition topics of the cross-thread duplicate checks
 * ({@link DuplicateScope}).
 *
 * @param story the story its article belongs to (the article's URL, normalized), or null when unknown
 */
public record JudgedComment(Comment comment, Verdict verdict, String story) {

    /**
     * The story of an article: its URL without scheme, fragment, trailing slash and case. Articles published under
     * several ids with one URL are one story, and a copy under any of them is a copy in the same conversation.
     */
    static String storyKey(Article article) {
        if (article == null || article.url() == null || article.url().isBlank()) {
            return null;
        }
        String url = article.url().trim().toLowerCase(Locale.ROOT);
        int fragment = url.indexOf('#');
        if (fragment >= 0) {
            url = url.substring(0, fragment);
        }
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            url = url.substring(scheme + 3);
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url.isEmpty() ? null : url;
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

    ModeratedComment moderated() {
        return new ModeratedComment(comment, verdict);
    }
}
