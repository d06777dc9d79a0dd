package dev.threadguard.launcher.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What {@code threadguard bench --soak-comments N --json FILE} writes: moderation's memory over N comments.
 * Memory in MiB, times in seconds from moderation's first healthy answer.
 *
 * @param judged          comments moderation judged (N when it finished)
 * @param command         how moderation was started (the launcher script, or the java options)
 * @param moderationPerSec comments judged per second over the run
 * @param peakRssMb       moderation's peak resident memory (its VmHWM)
 * @param rssLimitMb      the limit the run fails above
 * @param lastRssMb       resident memory at the last sample
 * @param rssSlopeMbPer100k RSS growth over the second half of the run, MiB per 100,000 comments (least squares)
 * @param stateMb         moderation's state folder (RocksDB) at the end
 * @param failure         why the run stopped early, or null
 * @param milestones      the first sample at or past each tenth of the comments read
 * @param samples         every sample
 */
public record SoakReport(String startedAt, long seed, int comments, int articles, long judged, double seconds,
        BenchReport.Machine machine, Map<String, List<Double>> loadAverage, String command, double moderationPerSec,
        long peakRssMb, int rssLimitMb, long lastRssMb, double rssSlopeMbPer100k, long stateMb, boolean passed,
        String failure, List<Sample> milestones, List<Sample> samples) {

    /**
     * One sample: comments read (input offsets committed) and judged (verdicts) by then, seconds, resident memory,
     * heap used (-1: unknown), state folder.
     */
    public record Sample(long comments, long judged, double seconds, long rssMb, long heapUsedMb, long stateMb) {
    }

    void print(PrintStream out) {
        out.println();
        out.printf("moderation memory over %,d comments (%,d articles, seed %d): %s%n", comments, articles, seed, command);
        out.printf("  %12s %12s %9s %9s %10s %10s%n", "read", "judged", "seconds", "RSS MiB", "heap MiB", "state MiB");
        // A tenth that came within one sample is the same sample: shown once.
        List<Sample> rows = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(milestones));
        if (!samples.isEmpty() && !rows.contains(samples.get(samples.size() - 1))) {
            rows.add(samples.get(samples.size() - 1)); // the last: every verdict out, or where the run stopped
        }
        for (Sample s : rows) {
            out.printf("  %,12d %,12d %9.0f %,9d %,10d %,10d%n", s.comments(), s.judged(), s.seconds(), s.rssMb(),
                    s.heapUsedMb(), s.stateMb());
        }
        out.printf("  peak RSS %,d MiB (limit %,d), RSS slope over the second half %+.1f MiB per 100,000 comments%n",
                peakRssMb, rssLimitMb, rssSlopeMbPer100k);
        out.printf("  %,d comments judged, %,.0f comments/s from moderation's first healthy answer; %.0f s in all; "
                + "state %,d MiB on disk; load average %s%n", judged, moderationPerSec, seconds, stateMb, loadAverage);
        out.println(passed ? "  PASSED" : "  FAILED: " + (failure != null ? failure
                : "peak RSS " + peakRssMb + " MiB above the limit of " + rssLimitMb + " MiB"));
    }
}
