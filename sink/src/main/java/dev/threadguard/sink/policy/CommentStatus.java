package dev.threadguard.sink.policy;

/** Where a stored comment stands; readers see PUBLISHED and APPROVED comments only. */
public enum CommentStatus {
    PUBLISHED,
    HELD,
    APPROVED,
    REJECTED;

    public boolean visibleToReaders() {
        return this == PUBLISHED || this == APPROVED;
    }
}
