package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;

/**
 * A judged comment in a thread's history ({@link ModerationTopology#THREADS_STORE} value, binary
 * {@link StateSerdes#THREAD_ENTRY}): the comment, so that a reply finds its parent, a repeated delivery is
 * recognised and a later copy is compared with it.
 *
 * @param sequence  its place in the thread (0, 1, ...); the store key holds it modulo the history bound, so this
 *                  tells a live entry from one a later comment has taken the slot of
 * @param timestamp record (event) time it was judged at, in epoch milliseconds: the retention window counts from it
 */
public record ThreadEntry(long sequence, long timestamp, Comment comment) {
}
