package dev.threadguard.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CpuAccountTest {
    private static final String APP = "bench-x1-moderation-words-only";

    @Test
    void threadsAreGroupedByTheNamesKafkaAndStreamsGiveThem() {
        assertThat(CpuAccount.group(APP + "-3f2a-StreamThread-1", APP)).isEqualTo("streamThreads");
        assertThat(CpuAccount.group(APP + "-3f2a-StreamThread-12", APP)).isEqualTo("streamThreads");
        assertThat(CpuAccount.group("kafka-producer-network-thread | " + APP + "-3f2a-StreamThread-1-producer", APP))
                .isEqualTo("streamsClients");
        assertThat(CpuAccount.group(APP + "-3f2a-CleanupThread", APP)).isEqualTo("streamsClients");
        assertThat(CpuAccount.group("data-plane-kafka-request-handler-0", APP)).isEqualTo("broker");
        assertThat(CpuAccount.group("quorum-controller-1-event-handler", APP)).isEqualTo("broker");
        assertThat(CpuAccount.group("main", APP)).isEqualTo("benchAndJvmThreads");
        assertThat(CpuAccount.group("kafka-producer-network-thread | producer-1", APP)).isEqualTo("benchAndJvmThreads");
        // Another application's stream thread (the warm-up's) is not this one's, even where its id extends this one's.
        assertThat(CpuAccount.group("bench-x1-moderation-warm-up-77-StreamThread-1", APP)).isEqualTo("benchAndJvmThreads");
        assertThat(CpuAccount.group(APP + "x-77-StreamThread-1", APP)).isEqualTo("benchAndJvmThreads");
    }

    @Test
    void theJvmsAndRocksDbsNativeThreadsAreNamedByLinux() {
        assertThat(CpuAccount.nativeGroup("GC Thread#1")).isEqualTo("gcThreads");
        assertThat(CpuAccount.nativeGroup("G1 Conc#0")).isEqualTo("gcThreads");
        assertThat(CpuAccount.nativeGroup("C2 CompilerThre")).isEqualTo("jitThreads");
        assertThat(CpuAccount.nativeGroup("rocksdb:low")).isEqualTo("rocksdbThreads");
        assertThat(CpuAccount.nativeGroup("main")).isNull();
    }

    @Test
    void aStatLineGivesUserPlusSystemTimeWhateverTheThreadsName() {
        // Fields as Linux writes them: pid (comm) state ppid ... utime (14th) stime (15th) ...; the name may hold
        // spaces and parentheses.
        String stat = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 4194368 518 0 0 0 123 45 0 0 20 0 30 0 1000 0 0";
        assertThat(CpuAccount.parseStat(stat)).isEqualTo(new CpuAccount.NativeThread("jitThreads", 1_680_000_000L));
        String odd = "77 (rocksdb:) (x) R 1 4200 4200 0 -1 4194368 518 0 0 0 7 3 0 0 20 0 30 0 1000 0 0";
        assertThat(CpuAccount.parseStat(odd)).isEqualTo(new CpuAccount.NativeThread("rocksdbThreads", 100_000_000L));
        assertThat(CpuAccount.parseStat("5 (main) S 1 4200 4200 0 -1 4194368 518 0 0 0 7 3 0")).isNull();
    }

    @Test
    void thisJvmsNamedNativeThreadsAreFoundAndUseNoMoreThanTheProcess() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
        Map<Long, CpuAccount.NativeThread> threads = CpuAccount.nativeThreads("/proc/self/task");
        assertThat(threads.values()).extracting(CpuAccount.NativeThread::group).contains("gcThreads", "jitThreads");
        long nativeNanos = threads.values().stream().mapToLong(CpuAccount.NativeThread::nanos).sum();
        long processNanos = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
        assertThat(nativeNanos).isLessThanOrEqualTo(processNanos);
        assertThat(CpuAccount.machineBusyNanos()).isGreaterThanOrEqualTo(processNanos);
    }

    @Test
    void aBusyThreadsCpuIsChargedToItsGroupPerComment() throws Exception {
        CpuAccount before = CpuAccount.take(Map.of());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sink = new AtomicLong();
        CountDownLatch busyEnough = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            var mx = ManagementFactory.getThreadMXBean();
            long x = 0;
            while (!stop.get()) {
                for (int i = 0; i < 100_000; i++) {
                    x += i * 31L ^ x;
                }
                if (mx.getCurrentThreadCpuTime() > 200_000_000L) {
                    busyEnough.countDown();
                }
            }
            sink.set(x);
        }, APP + "-3f2a-StreamThread-1");
        worker.start();
        assertThat(busyEnough.await(60, TimeUnit.SECONDS)).as("the busy thread used 200 ms of CPU").isTrue();
        CpuAccount after = CpuAccount.take(Map.of());
        stop.set(true);
        worker.join();

        Map<String, Double> split = after.threads(before, APP, 10);
        // 200 ms of CPU over 10 comments: at least 20 ms a comment on the stream threads, and the process at least that.
        assertThat(split.get("streamThreads")).isGreaterThanOrEqualTo(20.0);
        assertThat(split.get("process")).isGreaterThanOrEqualTo(split.get("streamThreads"));
    }
}
