package dev.threadguard.launcher.bench;

/**
 * A stage that could not do its work (records missing after its time-out, a process that did not start,
 * ProducerPerformance failing): the run exits 1. Slow figures are never one.
 */
final class BenchFailure extends RuntimeException {
    BenchFailure(String message) {
        super(message);
    }
}
