package dev.threadguard.sink.store;

import java.time.Instant;
import java.util.List;

/**
 * A labelled example made by moderators' corrections: one line of labels.jsonl. {@code flags} and
 * {@code duplicateOf} are the labels format of dataset-format.md; the other fields say where it came from.
 */
public record Label(
        String commentId,
        List<String> flags,
        String duplicateOf,
        String articleId,
        List<String> corrected,
        String detectorVersion,
        String labelledBy,
        Instant labelledAt) {

    public Label {
        flags = List.copyOf(flags);
        corrected = List.copyOf(corrected);
    }
}
