package dev.threadguard.benchmarks;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.moderation.judge.ThreadContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * CPU time per operation of the main {@link DetectorBenchmarks} rows, measured with the thread's CPU clock
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}) instead of the wall clock: on a machine shared with other builds
 * (load average far above its cores) JMH's wall-clock figures are mostly time spent waiting for a core, while the
 * CPU time a verdict costs barely moves. Same states, same comments as the JMH benchmarks; the JSON read+write of
 * the comment is measured in the same run, so every row is also given as a multiple of it.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.threadguard.benchmarks.CpuCost [rounds] [ops]}
 * (defaults 15 rounds of 2,000 operations, each row after 5 s of CPU time to warm up; rows: json with 50 times the
 * operations, as it is that much cheaper, words only, static vectors, the default configuration's first opinion (the
 * thread stage's verdict, the hot path; with the share of comments it leaves a second opinion pending for), and the
 * default configuration's whole verdict, both stages, with 1/20 of the operations, as each costs a transformer run
 * when one is pending).
 * A third argument keeps only the rows whose name contains it (and the JSON baseline): {@code CpuCost 7 500
 * FirstOpinion} measures the default configuration's first opinion in a JVM whose JIT compiled nothing else.
 * Prints one line per row: the median, the lowest and the highest round in µs of CPU per operation.
 */
public final class CpuCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** CPU time each row runs before it is measured. */
    private static final long WARM_UP_NANOS = 5_000_000_000L;

    private CpuCost() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        // Optional third argument: only the rows whose name contains it (besides the JSON baseline), so that a row
        // can run in a JVM of its own, its code compiled by the JIT for it alone, as in a service of that configuration.
        String only = args.length > 2 ? args[2] : "";
        DetectorBenchmarks.Lexical lexical = new DetectorBenchmarks.Lexical();
        lexical.setUp();
        DetectorBenchmarks.Static statics = new DetectorBenchmarks.Static();
        statics.setUp();
        DetectorBenchmarks.Default defaults = new DetectorBenchmarks.Default();
        defaults.setUp();

        double json = report("baselineJsonReadWrite", rounds, ops * 50, 0,
                () -> Json.read(Json.write(lexical.next()), Comment.class));
        report(only, "judgeWholeVerdict (words only)", rounds, ops, json, () -> {
            Comment c = lexical.next();
            return lexical.judge.judge(c, lexical.context(c), DetectorBenchmarks.NOW);
        });
        report(only, "judgeWholeVerdictStatic", rounds, ops, json, () -> {
            Comment c = statics.next();
            return statics.judge.judge(c, statics.context(c), DetectorBenchmarks.NOW);
        });
        int[] pending = new int[2];
        report(only, "judgeFirstOpinionDefault", rounds, ops, json, () -> {
            Comment c = defaults.next();
            var first = defaults.judge.firstOpinion(c, defaults.context(c), DetectorBenchmarks.NOW);
            pending[0]++;
            pending[1] += first.pending() == null ? 0 : 1;
            return first;
        });
        if (pending[0] > 0) {
            System.out.printf(Locale.ROOT, "%-34s %10.1f %% of the first opinions%n", "  with a second opinion pending",
                    100.0 * pending[1] / pending[0]);
        }
        // The worst case of the thread stage: every earlier comment a (prepared) candidate, as if the LSH index
        // found them all.
        report(only, "  the same, all 50 candidates", rounds, ops, json, () -> {
            Comment c = defaults.next();
            return defaults.judge.firstOpinion(c, defaults.prepared.contextAllCandidates(c), DetectorBenchmarks.NOW);
        });
        // As measured up to 2026.11-10: every earlier comment a fresh, unprepared candidate at every verdict (its
        // analysis looked up in the cache again each time), which the thread stage does not do.
        report(only, "  the same, candidates unprepared", rounds, ops, json, () -> {
            Comment c = defaults.next();
            return defaults.judge.firstOpinion(c, new ThreadContext(Corpus.ARTICLE,
                    DetectorBenchmarks.parentOf(c, defaults.thread), defaults.thread), DetectorBenchmarks.NOW);
        });
        report(only, "judgeWholeVerdictDefault", rounds, Math.max(1, ops / 20), json, () -> {
            Comment c = defaults.next();
            return defaults.judge.judge(c, defaults.context(c), DetectorBenchmarks.NOW);
        });
    }

    /** {@link #report} for a row whose name contains {@code only}; else nothing, and NaN. */
    private static double report(String only, String name, int rounds, int ops, double json, Supplier<Object> op) {
        return name.contains(only) ? report(name, rounds, ops, json, op) : Double.NaN;
    }

    /** Prints the row and returns its median µs of CPU per operation. */
    private static double report(String name, int rounds, int ops, double json, Supplier<Object> op) {
        Object sink = null;
        // Warm-up by CPU time, not by count: the JIT compiles a 3 µs JSON round trip and a 500 µs verdict alike only
        // after seconds, longer on a loaded machine.
        long warmUntil = THREADS.getCurrentThreadCpuTime() + WARM_UP_NANOS;
        while (THREADS.getCurrentThreadCpuTime() < warmUntil) {
            for (int i = 0; i < 100; i++) {
                sink = op.get();
            }
        }
        double[] perOp = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < ops; i++) {
                sink = op.get();
            }
            perOp[r] = (THREADS.getCurrentThreadCpuTime() - start) / 1_000.0 / ops;
        }
        Arrays.sort(perOp);
        double median = perOp[rounds / 2];
        System.out.printf(Locale.ROOT, "%-34s %10.2f µs CPU/op (rounds %.2f-%.2f)%s%s%n", name, median, perOp[0],
                perOp[rounds - 1], json > 0 ? String.format(Locale.ROOT, "  %.1f× JSON", median / json) : "",
                sink == null ? " (null)" : "");
        return median;
    }
}
