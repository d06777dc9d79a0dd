package dev.threadguard.launcher.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Where a stage's CPU went, in milliseconds of CPU per comment: the answer to "why this rate" that a rate alone does
 * not give. Two views, both from counters the kernel and the JVM keep (no sampling):
 *
 * <ul>
 *   <li>{@link #threads}: this process (the broker and the in-process Streams stages) by thread group, from
 *       {@link ThreadMXBean#getThreadCpuTime} and the thread's name: the Streams application's stream threads, its
 *       Kafka clients (producer I/O, heartbeats, state clean-up), the broker, the benchmark's own threads, and what
 *       runs outside Java threads (garbage collection, the JIT compilers, RocksDB's flushes and compactions, ONNX), the
 *       process's CPU time less all Java threads'.</li>
 *   <li>{@link #processes}: named processes ({@link ProcessHandle.Info#totalCpuDuration}, user + system), for the
 *       pipeline stage whose services are child JVMs; PostgreSQL is the sum over its processes.</li>
 * </ul>
 * Both also give {@code machine}: all CPUs' busy time from {@code /proc/stat} (what everything on the machine
 * used, ours or not), and {@code cores} the stage's length times the number of CPUs (what there was). A Java thread
 * that ends inside the stage leaves its CPU time in {@code process}, so in {@code outsideJavaThreads}; the stages'
 * own threads all live until the end is taken.
 */
final class CpuAccount {
    /** The unit of /proc/stat: 100 ticks a second on every Linux the JDK runs on, whatever the kernel's own HZ. */
    private static final long USER_HZ = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Threads of this benchmark and of the JVM itself, by name prefix; the rest of a non-Streams thread is the broker's. */
    private static final String[] BENCH_AND_JVM = {"main", "bench-", "JFR ", "Common-Cleaner", "Reference Handler",
        "Finalizer", "Signal Dispatcher", "Attach Listener", "Notification Thread", "process reaper", "ForkJoinPool",
        "HttpClient", "kafka-producer-network-thread | producer-", "consumer_background_thread", "kafka-admin-client"};

    private final long nanos;
    private final long machineBusyNanos;
    private final long processNanos;
    private final Map<Long, Long> threadNanos;
    private final Map<Long, String> threadNames;
    private final Map<String, Long> processNanosByName;
    /** This process's named native threads: tid → group and CPU so far. */
    private final Map<Long, NativeThread> nativeThreads;

    private CpuAccount(long nanos, long machineBusyNanos, long processNanos, Map<Long, Long> threadNanos,
            Map<Long, String> threadNames, Map<String, Long> processNanosByName, Map<Long, NativeThread> nativeThreads) {
        this.nanos = nanos;
        this.machineBusyNanos = machineBusyNanos;
        this.processNanos = processNanos;
        this.threadNanos = threadNanos;
        this.threadNames = threadNames;
        this.processNanosByName = processNanosByName;
        this.nativeThreads = nativeThreads;
    }

    /** The counters now: this process's threads, and each named process (absent ones count 0). */
    static CpuAccount take(Map<String, Supplier<OptionalLong>> processes) {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        if (THREADS.isThreadCpuTimeSupported()) {
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info == null) {
                    continue; // ended between the two calls
                }
                long t = THREADS.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        Map<String, Long> byName = new LinkedHashMap<>();
        processes.forEach((name, pid) -> pid.get().ifPresent(p -> {
            byName.put(name, ProcessHandle.of(p).map(CpuAccount::cpuNanos).orElse(0L));
            // Summed per group here: a child's native threads are pools that live as long as the child.
            nativeThreads("/proc/" + p + "/task").values()
                    .forEach(t -> byName.merge(name + "." + t.group(), t.nanos(), Long::sum));
        }));
        List<ProcessHandle> postgres = processes.isEmpty() ? List.of() : ProcessMemory.postgresProcesses();
        if (!postgres.isEmpty()) { // absent where the server runs detached from this process: then only in machine
            byName.put("postgresql", postgres.stream().mapToLong(CpuAccount::cpuNanos).sum());
        }
        return new CpuAccount(System.nanoTime(), machineBusyNanos(), cpuNanos(ProcessHandle.current()), cpu, names,
                byName, nativeThreads("/proc/self/task"));
    }

    /**
     * This process's CPU since {@code before}, ms per comment by thread group, for a Streams application whose
     * client ids start with {@code applicationId}: {@code streamThreads}, {@code streamsClients}, {@code broker},
     * {@code benchAndJvmThreads}, {@code outsideJavaThreads} (of which, as far as Linux names the threads,
     * {@code gcThreads}: the collector's workers and the VM thread that runs its pauses, {@code jitThreads},
     * {@code rocksdbThreads}: flushes and compactions; parts of it, not to be added to it), {@code process} (the
     * process's whole CPU time), {@code machine}, {@code cores}.
     */
    Map<String, Double> threads(CpuAccount before, String applicationId, long comments) {
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String g : new String[] {"streamThreads", "streamsClients", "broker", "benchAndJvmThreads"}) {
            groups.put(g, 0L);
        }
        long javaThreads = 0;
        for (Map.Entry<Long, Long> e : threadNanos.entrySet()) {
            long used = e.getValue() - before.threadNanos.getOrDefault(e.getKey(), 0L);
            javaThreads += used;
            groups.merge(group(threadNames.get(e.getKey()), applicationId), used, Long::sum);
        }
        long process = processNanos - before.processNanos;
        long outside = Math.max(0, process - javaThreads);
        groups.put("outsideJavaThreads", outside);
        // Its parts that Linux can name (the JVM and RocksDB name their native threads); the rest (ONNX Runtime's
        // pool, threads that ended) stays only in the total.
        for (String g : new java.util.TreeSet<>(NATIVE_GROUPS.values())) {
            groups.put(g, 0L);
        }
        // By thread id: a native thread that ended in between (the JIT starts and stops compiler threads on larger
        // machines) is left out rather than subtracted from the others; one born in between counts from zero.
        nativeThreads.forEach((tid, t) -> {
            NativeThread was = before.nativeThreads.get(tid);
            groups.merge(t.group(), t.nanos() - (was == null ? 0 : was.nanos()), Long::sum);
        });
        groups.put("process", process);
        return perComment(groups, before, comments);
    }

    /**
     * The named processes' CPU since {@code before}, ms per comment ({@code <name>.gcThreads} and the like: the part of
     * a process's total in those native threads), then {@code machine} and {@code cores}.
     */
    Map<String, Double> processes(CpuAccount before, long comments) {
        Map<String, Long> used = new LinkedHashMap<>();
        processNanosByName.forEach((name, n) -> used.put(name, n - before.processNanosByName.getOrDefault(name, 0L)));
        return perComment(used, before, comments);
    }

    private Map<String, Double> perComment(Map<String, Long> nanosByName, CpuAccount before, long comments) {
        Map<String, Double> out = new LinkedHashMap<>();
        nanosByName.forEach((name, n) -> out.put(name, ms(n, comments)));
        out.put("machine", ms(machineBusyNanos - before.machineBusyNanos, comments));
        out.put("cores", ms((nanos - before.nanos) * Runtime.getRuntime().availableProcessors(), comments));
        return out;
    }

    static String group(String threadName, String applicationId) {
        if (threadName == null) {
            return "benchAndJvmThreads";
        }
        if (threadName.startsWith(applicationId + "-")) {
            return JfrSummary.isStreamThread(threadName, applicationId) ? "streamThreads" : "streamsClients";
        }
        if (threadName.contains("| " + applicationId)) {
            return "streamsClients"; // "kafka-producer-network-thread | <client id>-StreamThread-1-producer", heartbeats
        }
        if (threadName.contains("-StreamThread-")) {
            return "benchAndJvmThreads"; // another Streams application of the benchmark's (one stopped earlier)
        }
        for (String prefix : BENCH_AND_JVM) {
            if (threadName.startsWith(prefix)) {
                return "benchAndJvmThreads";
            }
        }
        return "broker";
    }

    /** Native thread name prefixes ({@code /proc/<pid>/task/<tid>/comm}, at most 15 characters) → group. */
    private static final Map<String, String> NATIVE_GROUPS = Map.of(
            "GC Thread", "gcThreads", "G1 ", "gcThreads", "VM Thread", "gcThreads",
            "C1 CompilerThre", "jitThreads", "C2 CompilerThre", "jitThreads",
            "rocksdb:", "rocksdbThreads");

    /** A native thread that Linux names in a group of {@link #NATIVE_GROUPS}, and its CPU time so far. */
    record NativeThread(String group, long nanos) {
    }

    /**
     * The native threads the JVM and RocksDB name (garbage collection, the JIT compilers, RocksDB's background
     * flushes and compactions) in a process's {@code /proc/<pid>/task}, by thread id; empty without /proc.
     */
    static Map<Long, NativeThread> nativeThreads(String taskFolder) {
        Map<Long, NativeThread> out = new HashMap<>();
        try (var tasks = Files.list(Path.of(taskFolder))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    NativeThread t = parseStat(Files.readString(task.resolve("stat")));
                    if (t != null) {
                        out.put(Long.parseLong(task.getFileName().toString()), t);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while the folder was listed
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /** CPU so far of a process's native threads of one group ({@code "jitThreads"}, ...), summed over its threads. */
    static long nativeNanos(String taskFolder, String group) {
        return nativeThreads(taskFolder).values().stream().filter(t -> t.group().equals(group))
                .mapToLong(NativeThread::nanos).sum();
    }

    /**
     * One {@code /proc/<pid>/task/<tid>/stat} line: its group by the name in parentheses (which may itself hold spaces
     * and parentheses, hence the last ')'), CPU time = utime + stime (fields 14 and 15), or null when not in a group.
     */
    static NativeThread parseStat(String stat) {
        int close = stat.lastIndexOf(')');
        String group = nativeGroup(stat.substring(stat.indexOf('(') + 1, close));
        if (group == null) {
            return null;
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state), so fields 14 and 15 are f[11] and f[12]
        return new NativeThread(group, ticksToNanos(Long.parseLong(f[11]) + Long.parseLong(f[12])));
    }

    static String nativeGroup(String comm) {
        for (Map.Entry<String, String> e : NATIVE_GROUPS.entrySet()) {
            if (comm.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static double ms(long nanos, long comments) {
        return comments > 0 ? Math.round(nanos / 1e6 / comments * 1000) / 1000.0 : 0;
    }

    private static long cpuNanos(ProcessHandle h) {
        return h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long ticksToNanos(long ticks) {
        return ticks * (1_000_000_000L / USER_HZ);
    }

    /**
     * Busy time of all CPUs so far ({@code /proc/stat}'s first line: every field but idle and iowait; guest time is
     * already inside user), in nanoseconds; 0 where there is no /proc.
     */
    static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return ticksToNanos(busy);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
