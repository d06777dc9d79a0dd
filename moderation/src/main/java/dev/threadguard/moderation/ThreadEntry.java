package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Verdict;

/**
 * A judged comment in a thread's history (state store value): the comment with its verdict, so that a
 * repeated delivery of the same submission is recognised and not judged again.
 */
public record ThreadEntry(Comment comment, Verdict verdict) {
}
