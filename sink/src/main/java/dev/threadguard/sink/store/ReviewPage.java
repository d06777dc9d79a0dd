package dev.threadguard.sink.store;

import java.util.List;

/** One page of the review queue; {@code next} is null on the last page; {@code total} counts every matching item. */
public record ReviewPage(List<ReviewItem> items, ReviewCursor next, long total) {
    public ReviewPage {
        items = List.copyOf(items);
    }
}
