package dev.threadguard.sink.http;

import dev.threadguard.sink.store.AuditEntry;
import java.util.List;

/** The body of {@code GET /api/audit}, newest first; {@code next} is the cursor of the next (older) page, or null. */
public record AuditView(List<AuditEntry> entries, String next) {
    public AuditView {
        entries = List.copyOf(entries);
    }
}
