package dev.threadguard.contract;

/** A comment with its verdict: the value on {@code comments.moderated}, keyed by articleId. */
public record ModeratedComment(Comment comment, Verdict verdict) {
}
