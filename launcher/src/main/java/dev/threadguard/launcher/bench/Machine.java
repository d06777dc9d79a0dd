package dev.threadguard.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The machine and its load, from the JVM and Linux's /proc (empty or zero elsewhere). */
final class Machine {
    private Machine() {
    }

    static BenchReport.Machine describe() {
        return new BenchReport.Machine(Runtime.getRuntime().availableProcessors(), memTotalMb(), cpu(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /** The 1-, 5- and 15-minute load average. */
    static List<Double> loadAverage() {
        List<Double> out = new ArrayList<>();
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            for (int i = 0; i < 3; i++) {
                out.add(Double.parseDouble(f[i]));
            }
        } catch (IOException | RuntimeException e) {
            out.add(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return out;
    }

    private static long memTotalMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return 0;
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
