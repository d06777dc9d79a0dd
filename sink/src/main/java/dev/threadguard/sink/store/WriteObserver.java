package dev.threadguard.sink.store;

import java.time.Duration;

/** Told about every write transaction of the {@link CommentStore}: the sink's metrics. */
public interface WriteObserver {
    /** Measures nothing (tests of the store alone). */
    WriteObserver NONE = new WriteObserver() {
        @Override
        public void committed(Written written, Duration took) {
        }

        @Override
        public void failed(Duration took) {
        }
    };

    /** A transaction committed {@code written} after {@code took}. */
    void committed(Written written, Duration took);

    /** A transaction was rolled back after {@code took} (the database refused or was unreachable). */
    void failed(Duration took);
}
