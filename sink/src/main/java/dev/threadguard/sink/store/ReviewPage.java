package dev.threadguard.sink.store;

import java.util.List;

/** One page of the review queue; {@code next} is null on the last page. */
public record ReviewPage(List<ReviewItem> items, ReviewCursor next) {
    public ReviewPage {
        items = List.copyOf(items);
    }
}
