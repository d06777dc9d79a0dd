package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;

/**
 * A comment waiting for its article (state store value).
 *
 * @param comment   the comment, with postedAt filled in from the record timestamp when it had none
 * @param timestamp the record's (event) timestamp: the time the comment is judged at, wherever it is released
 * @param heldAtMs  wall-clock time it started waiting, against which the hold timeout is measured
 */
public record HeldComment(Comment comment, long timestamp, long heldAtMs) {
}
