package dev.threadguard.sink.store;

import dev.threadguard.contract.DecisionAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one committed transaction of the sink wrote, for its metrics.
 *
 * @param rowsByTable distinct rows inserted, updated or deleted per table (a row written twice in one transaction,
 *     e.g. a comment stored and then given its status, counts once)
 * @param decisions the decisions applied, in order
 */
public record Written(Map<String, Integer> rowsByTable, List<Applied> decisions) {
    /**
     * Every table the consumer writes (the Flyway migrations), the values of the {@code table} label; "comments" counts
     * the rows of comment_verdicts (the {@code comments} view's verdicts).
     */
    public static final List<String> TABLES =
            List.of("articles", "comments", "comment_decisions", "decisions", "audit", "labels");

    public Written {
        rowsByTable = Map.copyOf(rowsByTable);
        decisions = List.copyOf(decisions);
    }

    /**
     * A decision applied to its comment.
     *
     * @param queueWait how long the comment had waited in the review queue, when this decision took it out;
     *     null when it was not waiting there (or the decision predates the stored comment, as in a rebuilt sink)
     */
    public record Applied(DecisionAction action, Duration queueWait) {
    }
}
