package dev.threadguard.sink.store;

import java.util.List;

/** Audit entries, newest first; {@code next} is null on the last page. */
public record AuditPage(List<AuditEntry> entries, ReviewCursor next) {
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
