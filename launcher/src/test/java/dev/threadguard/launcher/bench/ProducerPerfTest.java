package dev.threadguard.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading ProducerPerformance's output: its total line, not a window or the steady-state line. */
class ProducerPerfTest {
    @Test
    void theTotalLineGivesTheLimit() {
        List<String> output = List.of(
                "3394 records sent, 673.0 records/sec (0.26 MB/sec), 2360.5 ms avg latency, 3256.0 ms max latency.",
                "100000 records sent, 61234.567800 records/sec (23.36 MB/sec), 210.45 ms avg latency, 812.00 ms max latency, 180 ms 50th, 530 ms 95th, 700 ms 99th, 790 ms 99.9th.",
                "90000 steady state records sent, 65000.000000 records/sec (24.80 MB/sec), 190.00 ms avg latency, 700.00 ms max latency, 170 ms 50th, 500 ms 95th, 650 ms 99th, 690 ms 99.9th.");
        ProducerPerf.Result r = ProducerPerf.total(output).orElseThrow();
        assertThat(r.records()).isEqualTo(100_000);
        assertThat(r.perSecond()).isEqualTo(61234.5678);
        assertThat(r.mbPerSecond()).isEqualTo(23.36);
        assertThat(r.p50Ms()).isEqualTo(180);
        assertThat(r.p99Ms()).isEqualTo(700);
    }

    @Test
    void withoutATotalLineThereIsNoFigure() {
        assertThat(ProducerPerf.total(List.of("3394 records sent, 673.0 records/sec (0.26 MB/sec), 2360.5 ms avg "
                + "latency, 3256.0 ms max latency.", "ERROR something failed"))).isEmpty();
    }
}
