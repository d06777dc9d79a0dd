package dev.threadguard.launcher.bench;

import java.util.List;
import java.util.Map;

/**
 * What {@code threadguard bench --json FILE} writes. Rates are records (comments) per second; latencies in
 * milliseconds; memory in MiB. Every figure of one report comes from one run on one broker, so the ratios
 * ({@link Ratios}) hold on a noisy machine even where the absolute figures move.
 *
 * @param producerPerfPerSec        Kafka's ProducerPerformance: 400-byte records, acks=all, idempotent (the limit)
 * @param passThroughPerSec         a Streams topology that reads, deserializes, serializes and writes each comment
 * @param moderationWordsOnlyPerSec the moderation topology with {@code OFF_TOPIC_EMBEDDINGS=false}
 * @param moderationPerSec          the moderation topology, default configuration
 * @param pipelinePerSec            HTTP batch ingest → moderation → sink → PostgreSQL, default configuration: first POST
 *                                  to last row
 * @param pipelineIngestPerSec      the same run's ingest alone: first POST to last 202
 * @param latencyMs                 accept (202) → stored (row's transaction time) at the fixed rate: p50, p95, p99, max
 * @param postLatencyMs             the single POSTs at the fixed rate, from the time each was due
 * @param recordsPerComment         records written to all topics (changelogs, repartitions, transaction markers
 *                                  included; the broker's internal topics not) per comment in the pipeline stage
 * @param recordsPerCommentModeration the same for the moderation topology alone (default configuration)
 * @param recordsByTopic            the pipeline stage's records per topic
 * @param peakRssMb                 peak resident memory per process; "bench" holds the broker and runs the
 *                                  pass-through and moderation-topology stages in process
 * @param loadAverage               the machine's 1-, 5- and 15-minute load average at the start and end
 * @param cpuMsPerComment           per stage, CPU time in ms per comment: the in-process Streams stages
 *                                  ({@code passThrough}, {@code moderationWordsOnly}, {@code moderation}) by thread
 *                                  group of this process, {@code pipeline} by process; each with {@code machine} (all
 *                                  CPUs' busy time, whoever used it) and {@code cores} (the CPU time there was)
 * @param profiles                  JFR flame summaries of moderation's stream threads per stage
 */
public record BenchReport(
        String startedAt,
        boolean quick,
        long seed,
        double seconds,
        Machine machine,
        Map<String, List<Double>> loadAverage,
        Map<String, Object> traffic,
        double producerPerfPerSec,
        Map<String, Object> producerPerf,
        double passThroughPerSec,
        double moderationWordsOnlyPerSec,
        double moderationPerSec,
        double pipelinePerSec,
        double pipelineIngestPerSec,
        Ratios ratios,
        Map<String, Double> latencyMs,
        Map<String, Double> postLatencyMs,
        Map<String, Object> latencyLoad,
        double recordsPerComment,
        double recordsPerCommentModeration,
        Map<String, Long> recordsByTopic,
        Map<String, Long> peakRssMb,
        Map<String, Map<String, Double>> cpuMsPerComment,
        Map<String, JfrSummary> profiles) {

    /** The machine the figures come from. */
    public record Machine(int cores, long memoryMb, String cpu, String java, String os) {
    }

    /** The figures as shares of the limits measured in the same run. */
    public record Ratios(double passThroughOfProducerPerf, double moderationWordsOnlyOfPassThrough,
            double moderationOfPassThrough, double pipelineOfProducerPerf, double pipelineOfPassThrough) {
    }
}
