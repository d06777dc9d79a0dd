package dev.threadguard.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheLastTellingLinesInOrderAndLeavesOutChatter() throws IOException {
        Path log = dir.resolve("moderation.log");
        Files.write(log, List.of(
                "==== harness: starting moderation at 2026-11-29T21:00:00Z",
                "21:00:01.000 INFO  [main] d.t.m.ModerationService - moderation streams state CREATED -> REBALANCING",
                "21:00:02.000 INFO  [StreamThread-1] o.a.k.s.p.i.StreamThread - State transition from CREATED to STARTING",
                "21:00:02.100 INFO  [StreamThread-1] o.a.k.c.c.i.SubscriptionState - Resetting offset for partition a-0",
                "21:00:02.200 INFO  [StreamThread-1] o.a.k.c.c.i.ConsumerCoordinator - Discovered group coordinator "
                        + "127.0.0.1:9092 (id: +1 rack: null isFenced: false)",
                "21:00:03.000 WARN  [StreamThread-1] o.a.k.s.p.i.a.DefaultStandbyTaskAssignor - Unable to assign 1 of 1 "
                        + "standby tasks for task [0_0].",
                "21:00:04.000 INFO  [StreamThread-2] o.a.k.c.c.i.ConsumerCoordinator - Request joining group due to: "
                        + "Active tasks corrupted",
                "threadguard moderation: moderation service stopped while starting (Kafka at 127.0.0.1:9092, state ERROR)",
                "com.zaxxer.hikari.pool.HikariPool$PoolInitializationException: Failed to initialize pool",
                "\tat com.zaxxer.hikari.pool.HikariPool.throwPoolInitializationException(HikariPool.java:610)",
                "Caused by: java.net.ConnectException: Connection refused",
                "21:00:05.000 INFO  [StreamThread-1] o.a.k.s.p.i.TaskManager - producer fenced: task migrated"));

        assertThat(LogTail.telling(log, 4)).containsExactly(
                "threadguard moderation: moderation service stopped while starting (Kafka at 127.0.0.1:9092, state ERROR)",
                "com.zaxxer.hikari.pool.HikariPool$PoolInitializationException: Failed to initialize pool",
                "Caused by: java.net.ConnectException: Connection refused",
                "21:00:05.000 INFO  [StreamThread-1] o.a.k.s.p.i.TaskManager - producer fenced: task migrated");
        assertThat(LogTail.telling(log, 10)).hasSize(7).first().asString().startsWith("==== harness");
    }

    @Test
    void cutsLongLinesAndReadsPastBytesThatAreNotUtf8() throws IOException {
        Path log = dir.resolve("sink.log");
        byte[] cutByKill = {'W', 'A', 'R', 'N', ' ', 'x', (byte) 0xC3};
        Files.write(log, cutByKill);
        Files.writeString(log, "\n21:00:00.000 ERROR " + "y".repeat(500) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        List<String> lines = LogTail.telling(log, 5);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).hasSize(300 + " ...".length()).endsWith(" ...");
    }

    @Test
    void aMissingLogGivesNothing() {
        assertThat(LogTail.telling(dir.resolve("absent.log"), 5)).isEmpty();
    }
}
