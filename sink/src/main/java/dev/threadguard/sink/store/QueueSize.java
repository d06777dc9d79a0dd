package dev.threadguard.sink.store;

import dev.threadguard.contract.Flag;
import java.util.Map;

/**
 * The review queue's size.
 *
 * @param comments comments awaiting a moderator
 * @param byFlag per flag that put them there, every flag present; a comment queued for two flags counts under
 *     both, so the sum can exceed {@code comments}
 */
public record QueueSize(long comments, Map<Flag, Long> byFlag) {
    public QueueSize {
        byFlag = Map.copyOf(byFlag);
    }
}
