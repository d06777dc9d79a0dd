package dev.threadguard.launcher.bench;

import java.time.Duration;
import java.util.List;

/**
 * The settings of one run, as {@link BenchCommand} resolved them.
 *
 * @param comments        comments of the streams and pipeline stages
 * @param articles        threads they are spread over (at most 500 comments each)
 * @param producerRecords records ProducerPerformance sends
 * @param recordSize      bytes per ProducerPerformance record
 * @param rate            comments per second of the latency stage (single POSTs)
 * @param rateDuration    how long the latency stage sends
 * @param settle          how long it then waits for its comments to be stored
 * @param batchSize       comments per POST in the pipeline stage
 * @param concurrency     requests in flight in the pipeline stage
 * @param latencySenders  requests in flight at most in the latency stage
 * @param stageTimeout    longest a throughput stage may go without a new record before the run fails
 * @param jvmOptions      options of the services' JVMs
 */
record BenchOptions(boolean quick, long seed, int comments, int articles, long producerRecords, int recordSize,
        double rate, Duration rateDuration, Duration settle, int batchSize, int concurrency, int latencySenders,
        Duration stageTimeout, List<String> jvmOptions) {

    int latencyComments() {
        return (int) Math.round(rate * rateDuration.toMillis() / 1000.0);
    }
}
