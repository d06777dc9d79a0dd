package dev.threadguard.launcher.faults;

import java.time.Duration;
import java.util.List;

/**
 * The settings of one run, as {@link FaultsCommand} resolved them.
 *
 * @param rate            comments per second the load sends
 * @param loadDuration    how long the load lasts (comments / rate); the faults fall within it
 * @param outages         whether to kill ingest once, restart the broker once and stop PostgreSQL once
 * @param maxRssSlope     MiB per minute a process's resident memory may grow after warm-up; 0 = not checked
 */
record FaultOptions(
        int comments,
        int kills,
        int terms,
        boolean outages,
        long seed,
        int concurrency,
        double rate,
        int articles,
        Duration brokerOutage,
        Duration databaseOutage,
        Duration settle,
        Duration memoryEvery,
        double maxRssSlope,
        boolean failOnOrderViolations,
        List<String> jvmOptions) {

    Duration loadDuration() {
        return Duration.ofMillis((long) (comments / rate * 1000));
    }
}
