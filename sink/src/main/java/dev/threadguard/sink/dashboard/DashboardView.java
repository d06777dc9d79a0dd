package dev.threadguard.sink.dashboard;

import dev.threadguard.sink.store.DashboardStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/dashboard}: the series of the dashboard page, all on epoch-second time axes, oldest first.
 *
 * @param windowMinutes how far back the series go
 */
public record DashboardView(Instant generatedAt, int windowMinutes, Verdicts verdicts, Queue queue,
        TimeToModerate timeToModerate, Pipeline pipeline) {

    /**
     * Verdicts stored, per minute of verdict time (every minute of the window, zero when none).
     *
     * @param flags per flag name, the comments of each minute that raised it
     * @param totals over the window: {@code comments} and each flag name
     */
    public record Verdicts(List<Long> minutes, List<Long> comments, Map<String, List<Long>> flags,
            Map<String, Long> totals) {
    }

    /**
     * The review queue: now, and as sampled by this sink instance (since its start, at most the window).
     *
     * @param now comments awaiting a moderator by flag name (one queued for two flags counts under both); null when
     *     the database did not answer
     * @param total comments awaiting a moderator
     * @param byFlag per flag name, the size at each sample time (null where unknown)
     */
    public record Queue(Map<String, Long> now, Long total, List<Long> times, Map<String, List<Long>> byFlag) {
    }

    /**
     * How long flagged comments waited for the decision that took them out of the queue, in seconds.
     *
     * @param p50 per minute of the window, the median of that minute's decisions (null: no decision)
     * @param lastDay over the last 24 hours
     */
    public record TimeToModerate(List<Long> minutes, List<Double> p50, List<Double> p90, DashboardStore.Waits lastDay) {
    }

    /**
     * This sink instance's throughput and consumer lag, as sampled every few seconds.
     *
     * @param rowsPerMinute comment rows written per minute over the minute before each sample (null at the first)
     * @param consumerLag records behind on the consumer's partitions (null while unknown)
     */
    public record Pipeline(List<Long> times, List<Double> rowsPerMinute, List<Long> consumerLag,
            Double rowsPerMinuteNow, Long consumerLagNow) {
    }
}
