package dev.threadguard.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flame summary of a real recording: only the chosen threads' samples, shares of them. */
class JfrSummaryTest {
    @TempDir
    Path dir;

    private static volatile long sink;

    @Test
    void aBusyThreadShowsUpWithItsOwnMethodAndOthersAreLeftOut() throws Exception {
        Path file = dir.resolve("busy.jfr");
        AtomicBoolean stop = new AtomicBoolean();
        Thread busy = new Thread(() -> spin(stop), "bench-test-busy-StreamThread-1");
        try (JfrSampler sampler = JfrSampler.start()) {
            assertThat(sampler.unavailable()).isNull();
            busy.start();
            long until = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            stop.set(true);
            busy.join();
            assertThat(sampler.dump(file)).isTrue();
        }
        assertThat(Files.size(file)).isPositive();

        JfrSummary summary = JfrSummary.of(file, "bench-test-busy");
        assertThat(summary.samples()).isPositive();
        assertThat(summary.ours()).containsKey(JfrSummaryTest.class.getName() + ".spin");
        assertThat(summary.ours().get(JfrSummaryTest.class.getName() + ".spin")).isGreaterThan(90.0);
        assertThat(summary.byLibrary().values().stream().mapToDouble(Double::doubleValue).sum()).isBetween(99.0, 101.0);

        assertThat(JfrSummary.of(file, "no-such-thread").samples()).isZero();
    }

    @Test
    void onlyStreamThreadsCountNotTheirClientsNetworkThreads() {
        assertThat(JfrSummary.isStreamThread("app-1a2b-StreamThread-1", "app")).isTrue();
        assertThat(JfrSummary.isStreamThread("kafka-producer-network-thread | app-1a2b-StreamThread-1-producer", "app")).isFalse();
        assertThat(JfrSummary.isStreamThread("app-1a2b-StreamThread-2", "other-app")).isFalse();
    }

    @Test
    void librariesAreToldApartByPackage() {
        assertThat(JfrSummary.library("com.fasterxml.jackson.core.json.UTF8StreamJsonParser.nextToken")).isEqualTo("jackson");
        assertThat(JfrSummary.library("org.rocksdb.RocksDB.get")).isEqualTo("rocksdb");
        assertThat(JfrSummary.library("dev.threadguard.moderation.ThreadModerator.scan")).isEqualTo("threadguard");
        assertThat(JfrSummary.library("java.util.HashMap.resize")).isEqualTo("jdk");
        assertThat(JfrSummary.library("org.apache.kafka.streams.processor.internals.StreamTask.process")).isEqualTo("kafka");
    }

    private static void spin(AtomicBoolean stop) {
        long x = 1;
        while (!stop.get()) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }
}
