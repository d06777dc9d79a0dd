package dev.threadguard.launcher.bench;

import dev.threadguard.config.Env;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.evaluate.Evaluator;
import dev.threadguard.moderation.judge.DetectorConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A developer's tool, not a test: runs {@code evaluate} (the moderation topology in TopologyTestDriver) over an events
 * file several times in one JVM and prints the main thread's CPU time for each run, so that two builds can be
 * compared on the same input without the JVM's start and the JIT's warm-up (read the second run on). The detector
 * settings come from the environment, as for {@code ./threadguard evaluate}.
 *
 * <p>Usage: {@code EvaluateCpu events.jsonl [runs]} (default 2), e.g. over {@link TrafficDump}'s output, with the
 * class path of the build to measure.
 */
public final class EvaluateCpu {
    private static final String SELF = "/proc/self/task";

    private EvaluateCpu() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ModerationConfig config = ModerationConfig.forEvaluation().withDetectors(DetectorConfig.fromEnv(Env.system()));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path out = Files.createTempFile("evaluate-cpu", ".jsonl");
        try {
            for (int i = 0; i < runs; i++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                long jit = CpuAccount.nativeNanos(SELF, "jitThreads");
                long gc = CpuAccount.nativeNanos(SELF, "gcThreads");
                new Evaluator(config).evaluate(Path.of(args[0]), null, out);
                System.out.printf("run %d: main thread CPU %.1f s, wall %.1f s; JIT compilers %.1f s, GC %.1f s%n", i,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9,
                        (CpuAccount.nativeNanos(SELF, "jitThreads") - jit) / 1e9,
                        (CpuAccount.nativeNanos(SELF, "gcThreads") - gc) / 1e9);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
