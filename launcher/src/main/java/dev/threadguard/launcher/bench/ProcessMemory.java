package dev.threadguard.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Peak resident memory (MiB) per named process, from Linux's /proc: a JVM's own high-water mark
 * ({@code VmHWM}) read at every sample, and for PostgreSQL (a postmaster and its backends) the largest sum of
 * {@code VmRSS} seen. Sampled every second by the run and once more before a process is stopped.
 */
final class ProcessMemory {
    private final Map<String, Supplier<OptionalLong>> jvms = new LinkedHashMap<>();
    private final Map<String, Double> peaks = new LinkedHashMap<>();

    synchronized void watch(String name, Supplier<Long> pid) {
        jvms.put(name, () -> OptionalLong.of(pid.get()));
    }

    synchronized void watchOptional(String name, Supplier<OptionalLong> pid) {
        jvms.put(name, pid);
    }

    /** The processes watched now, by name (their pids looked up at each call of a supplier). */
    synchronized Map<String, Supplier<OptionalLong>> processes() {
        return new LinkedHashMap<>(jvms);
    }

    synchronized void forget(String name) {
        jvms.remove(name);
    }

    synchronized void sampleNow() {
        jvms.forEach((name, pid) -> pid.get().ifPresent(p -> peak(name, kib(p, "VmHWM:") / 1024.0)));
        List<ProcessHandle> postgres = postgresProcesses();
        if (!postgres.isEmpty()) {
            peak("postgresql", postgres.stream().mapToLong(h -> kib(h.pid(), "VmRSS:")).sum() / 1024.0);
        }
    }

    /** The embedded PostgreSQL's processes (a postmaster and its backends), children of this one. */
    static List<ProcessHandle> postgresProcesses() {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false)).toList();
    }

    /** Peak MiB per process, rounded to whole MiB, in the order they were first seen. */
    synchronized Map<String, Long> peaks() {
        Map<String, Long> out = new LinkedHashMap<>();
        peaks.forEach((k, v) -> out.put(k, Math.round(v)));
        return out;
    }

    private void peak(String name, double mib) {
        if (mib > 0) {
            peaks.merge(name, mib, Math::max);
        }
    }

    /** A {@code /proc/<pid>/status} field in KiB ({@code VmRSS}, {@code VmHWM}); 0 when unreadable. */
    static long kib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between the pid lookup and the read, or this is not Linux
        }
        return 0;
    }
}
