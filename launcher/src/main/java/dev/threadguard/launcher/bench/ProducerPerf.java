package dev.threadguard.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code ProducerPerformance} (kafka-tools, what {@code kafka-producer-perf-test.sh} runs) as a
 * child JVM on this JVM's class path: {@code --record-size} bytes per record, {@code acks=all}, idempotent,
 * no throttle, on a topic of its own. Its total line gives the limit the pipeline is compared with.
 */
final class ProducerPerf {
    private static final Pattern TOTAL = Pattern.compile(
            "^(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency, ([0-9.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    /** The total line: records, records per second, MB per second, latencies in ms. */
    record Result(long records, double perSecond, double mbPerSecond, double avgMs, double maxMs, long p50Ms, long p99Ms) {
    }

    private ProducerPerf() {
    }

    static Result run(String bootstrap, String topic, long records, int recordSize, Path log, ProcessMemory memory)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--bootstrap-server", bootstrap, "--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--command-property", "acks=all", "enable.idempotence=true"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        memory.watch("producer-perf", p::pid);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new BenchFailure("ProducerPerformance did not finish within 10 minutes; see " + log);
            }
        } finally {
            memory.sampleNow();
            memory.forget("producer-perf");
        }
        return total(Files.readAllLines(log)).orElseThrow(() -> new BenchFailure("ProducerPerformance exited "
                + p.exitValue() + " without its total line; see " + log));
    }

    /** The last total line of ProducerPerformance's output (not its steady-state one). */
    static java.util.Optional<Result> total(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = TOTAL.matcher(lines.get(i).trim());
            if (m.find()) {
                return java.util.Optional.of(new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                        Long.parseLong(m.group(6)), Long.parseLong(m.group(8))));
            }
        }
        return java.util.Optional.empty();
    }
}
