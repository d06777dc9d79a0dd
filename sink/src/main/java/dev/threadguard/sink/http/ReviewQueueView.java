package dev.threadguard.sink.http;

import dev.threadguard.sink.store.ReviewItem;
import java.util.List;

/**
 * The body of {@code GET /api/review-queue}; {@code next} is the opaque cursor of the next page, or
 * null; {@code total} counts every item matching the filters.
 */
public record ReviewQueueView(List<ReviewItem> items, String next, long total) {
    public ReviewQueueView {
        items = List.copyOf(items);
    }
}
