package dev.threadguard.launcher.faults;

import java.util.List;
import java.util.Map;

/**
 * The JSON summary of a run ({@code --json FILE}); times in seconds.
 *
 * @param sent                    comments sent (each once, retried until answered)
 * @param accepted                comments answered 202
 * @param stored                  the run's comments in PostgreSQL
 * @param lost                    accepted but not in PostgreSQL (must be 0)
 * @param duplicated              accepted comments judged more than once on comments.moderated (committed records):
 *                                more than one final verdict (awaiting nothing), more than one provisional verdict,
 *                                or a provisional verdict after the final one (must be 0)
 * @param withoutVerdict          accepted comments with no final verdict on Kafka (none, or only a provisional one),
 *                                or not stored with a final verdict (must be 0)
 * @param verdictsPerComment      committed final verdicts per accepted comment: count of final verdicts to number of
 *                                comments (a provisional verdict is not counted here; see {@code provisional})
 * @param redelivered             accepted comments committed twice to comments.submitted (resent after a lost 202);
 *                                moderation recognises the repeat and produces no second verdict
 * @param provisional             accepted comments whose final verdict was preceded by one provisional verdict (the
 *                                off-topic check's second opinion revised it)
 * @param selfDuplicates          comments flagged a duplicate of themselves (must be 0)
 * @param orderViolations         DUPLICATE verdicts naming an original posted later than the flagged comment
 * @param unavailable             503 answers in all
 * @param acceptedWhileBrokerDown 202s to requests made while the broker was down (must be 0)
 * @param brokerDown503Seconds    how long the 503s took while the broker was down: count, p50, p90, max
 * @param unplannedRestarts       services that ended by themselves (e.g. a start-up timeout) and were started again
 * @param restarts                each fault with its recovery figures
 * @param memory                  resident memory per process: slope after warm-up (MiB per minute) and last value
 * @param failures                why the run failed; empty when it passed
 */
public record FaultReport(
        long seed,
        long sent,
        long accepted,
        long stored,
        long lost,
        long duplicated,
        long withoutVerdict,
        Map<Integer, Long> verdictsPerComment,
        long selfDuplicates,
        long orderViolations,
        List<String> orderViolationExamples,
        long duplicatesFlagged,
        long redelivered,
        long provisional,
        long unavailable,
        long noAnswer,
        long gaveUp,
        long storedWithout202,
        long acceptedWhileBrokerDown,
        Map<String, Double> brokerDown503Seconds,
        long unplannedRestarts,
        List<Restart> restarts,
        List<Memory> memory,
        double loadSeconds,
        double totalSeconds,
        List<String> failures) {

    /**
     * One fault and the recovery from it.
     *
     * @param healthySeconds  from the new process's start (or the server's restart) to its first {@code /health} 200;
     *                        -1 if it never answered 200
     * @param downSeconds     from the stop to that first 200
     * @param joinSeconds     from the first answer of the new process's {@code /health} (503 while it joins its
     *                        group) to its first 200: the time spent joining the group and taking over the
     *                        partitions, without the JVM's start-up (which a loaded machine stretches)
     * @param catchUpSeconds  from the stop until every comment accepted before it was stored; -1 if never
     */
    public record Restart(String fault, String service, String signal, double atSeconds, double healthySeconds,
            double downSeconds, double joinSeconds, double catchUpSeconds) {
    }

    /** Resident memory of one process over the run. */
    public record Memory(String process, int samples, double lastMib, double slopeMibPerMinute) {
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
