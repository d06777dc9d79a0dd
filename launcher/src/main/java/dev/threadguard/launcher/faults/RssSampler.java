package dev.threadguard.launcher.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Samples the resident set size (VmRSS, from /proc) of each process, and fits a line through each
 * process's samples since it last started: a leak shows as a slope that stays positive after warm-up.
 */
final class RssSampler {
    /** One sample: seconds since the run began and MiB resident. */
    record Sample(double seconds, double mib) {
    }

    /** Per process: the samples of its current incarnation and the fitted slope after warm-up. */
    record Series(String process, List<Sample> samples, double slopeMibPerMinute, double lastMib) {
    }

    private final Map<String, Supplier<OptionalLong>> pids = new LinkedHashMap<>();
    private final Map<String, Long> lastPid = new LinkedHashMap<>();
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private final long startNanos;
    private final double warmUpShare;

    /** @param warmUpShare the share of each series left out of the fit (start-up and JIT growth) */
    RssSampler(long startNanos, double warmUpShare) {
        this.startNanos = startNanos;
        this.warmUpShare = warmUpShare;
    }

    synchronized void watch(String name, Supplier<OptionalLong> pid) {
        pids.put(name, pid);
        samples.put(name, new ArrayList<>());
    }

    synchronized void sample() {
        double at = (System.nanoTime() - startNanos) / 1e9;
        pids.forEach((name, pidSupplier) -> {
            OptionalLong pid = pidSupplier.get();
            if (pid.isEmpty()) {
                return;
            }
            if (!Long.valueOf(pid.getAsLong()).equals(lastPid.get(name))) {
                lastPid.put(name, pid.getAsLong());
                samples.get(name).clear();
            }
            double mib = rssMib(pid.getAsLong());
            if (mib > 0) {
                samples.get(name).add(new Sample(at, mib));
            }
        });
    }

    synchronized List<Series> series() {
        List<Series> out = new ArrayList<>();
        samples.forEach((name, list) -> {
            List<Sample> fitted = list.subList((int) (list.size() * warmUpShare), list.size());
            double last = list.isEmpty() ? 0 : list.get(list.size() - 1).mib();
            out.add(new Series(name, List.copyOf(list), slopePerMinute(fitted), last));
        });
        return out;
    }

    /** Least-squares slope in MiB per minute; 0 with fewer than three samples. */
    static double slopePerMinute(List<Sample> s) {
        int n = s.size();
        if (n < 3) {
            return 0;
        }
        double mx = s.stream().mapToDouble(Sample::seconds).average().orElse(0);
        double my = s.stream().mapToDouble(Sample::mib).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Sample p : s) {
            num += (p.seconds() - mx) * (p.mib() - my);
            den += (p.seconds() - mx) * (p.seconds() - mx);
        }
        return den == 0 ? 0 : num / den * 60;
    }

    private static double rssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between the pid lookup and the read, or this is not Linux
        }
        return -1;
    }
}
