package dev.threadguard.moderation.text;

import dev.threadguard.contract.Comment;
import java.util.Objects;

/**
 * A comment as the analysis caches know it: its id and its texts, so an edited resend under the same id is analysed
 * again. The caches are asked for each earlier comment of every judged one, with texts just read from the state
 * store (new strings each time, so Java's cached string hash does not help): the hash takes the id and the texts'
 * lengths only, and the texts are compared only when the ids match. Hashing whole texts for every lookup was about a
 * tenth of the moderation stream thread (JFR: {@code StringLatin1.hashCode} and the keys' {@code equals}).
 */
public final class CommentKey {
    private final String commentId;
    private final String title;
    private final String body;
    private final int hash;

    private CommentKey(String commentId, String title, String body) {
        this.commentId = commentId;
        this.title = title;
        this.body = body;
        this.hash = (Objects.hashCode(commentId) * 31 + (title == null ? -1 : title.length())) * 31
                + (body == null ? -1 : body.length());
    }

    /** The key of a comment (an id-less one is keyed by its texts alone). */
    public static CommentKey of(Comment comment) {
        return new CommentKey(comment.commentId(), comment.title(), comment.body());
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommentKey k && hash == k.hash && Objects.equals(commentId, k.commentId)
                && Objects.equals(body, k.body) && Objects.equals(title, k.title);
    }
}
