package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Verdict;

/**
 * A judged comment in a thread's history (state store value). The verdict is kept with the comment so
 * that a repeated delivery of the same submission gets the same verdict again instead of a new one.
 */
public record ThreadEntry(Comment comment, Verdict verdict) {
}
