package dev.threadguard.sink.store;

import dev.threadguard.contract.Flag;
import java.time.Instant;

/**
 * Which queued comments to list; every part is optional (null).
 *
 * @param flag only comments queued for this flag
 * @param articleId only comments of this article
 * @param postedBefore only comments posted at or before this instant ("older than")
 * @param postedAfter only comments posted at or after this instant ("newer than")
 */
public record QueueFilter(Flag flag, String articleId, Instant postedBefore, Instant postedAfter) {
    public static final QueueFilter ALL = new QueueFilter(null, null, null, null);

    public static QueueFilter flag(Flag flag) {
        return new QueueFilter(flag, null, null, null);
    }
}
