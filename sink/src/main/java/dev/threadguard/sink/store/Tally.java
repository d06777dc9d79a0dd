package dev.threadguard.sink.store;

import dev.threadguard.contract.DecisionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one transaction writes, noted as it goes; reported once it commits. Confined to that transaction's thread. */
final class Tally {
    private final Map<String, Set<String>> rows = new HashMap<>();
    private final List<Written.Applied> decisions = new ArrayList<>();

    /** {@code updated} rows (the statement's update count) of {@code table} with primary key {@code key}. */
    void rows(String table, String key, int updated) {
        if (updated > 0) {
            rows.computeIfAbsent(table, t -> new HashSet<>()).add(key);
        }
    }

    void applied(DecisionAction action, Duration queueWait) {
        decisions.add(new Written.Applied(action, queueWait));
    }

    Written written() {
        Map<String, Integer> counts = new HashMap<>();
        rows.forEach((table, keys) -> counts.put(table, keys.size()));
        return new Written(counts, decisions);
    }
}
