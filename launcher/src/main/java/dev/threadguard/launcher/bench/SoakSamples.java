package dev.threadguard.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The soak's samples of moderation: comments read (its group's offsets on the input topic) and judged (its
 * {@code threadguard_moderation_comments_total}), resident
 * memory (VmRSS), heap used (its {@code jvm_memory_used_bytes{area="heap"}}) and the state folder's size, with the
 * sample at each tenth of the input read kept as a milestone.
 */
final class SoakSamples {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final long total;
    private final int rssLimitMb;
    private final long startNanos = System.nanoTime();
    private final List<SoakReport.Sample> samples = new ArrayList<>();
    private final List<SoakReport.Sample> milestones = new ArrayList<>();
    private double maxRssMb;

    SoakSamples(long total, int rssLimitMb) {
        this.total = total;
        this.rssLimitMb = rssLimitMb;
    }

    /** What moderation's /metrics says; null when it did not answer. */
    record Metrics(long judged, double heapUsedMb) {
        static Metrics read(URI url) {
            try {
                HttpResponse<java.util.stream.Stream<String>> r = HTTP.send(HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofLines());
                if (r.statusCode() != 200) {
                    return null;
                }
                double judged = 0;
                double heap = 0;
                for (String line : (Iterable<String>) r.body()::iterator) {
                    if (line.startsWith("threadguard_moderation_comments_total")) {
                        judged = value(line);
                    } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        heap += value(line);
                    }
                }
                return new Metrics((long) judged, heap / (1 << 20));
            } catch (IOException | RuntimeException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private static double value(String line) {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
    }

    void add(long consumed, long judged, OptionalLong pid, Metrics m, Path stateDir) {
        double rss = pid.isPresent() ? ProcessMemory.kib(pid.getAsLong(), "VmRSS:") / 1024.0 : 0;
        maxRssMb = Math.max(maxRssMb, rss);
        SoakReport.Sample s = new SoakReport.Sample(consumed, judged, round((System.nanoTime() - startNanos) / 1e9),
                Math.round(rss), m != null ? Math.round(m.heapUsedMb()) : -1,
                Math.round(SoakRun.directoryBytes(stateDir) / (double) (1 << 20)));
        samples.add(s);
        while (milestones.size() < 10 && s.comments() >= total * (milestones.size() + 1) / 10) {
            milestones.add(s);
        }
    }

    /** Comments judged per second, from moderation's first healthy answer to the last sample. */
    double perSecond() {
        if (samples.isEmpty()) {
            return 0;
        }
        SoakReport.Sample last = samples.get(samples.size() - 1);
        return last.seconds() > 0 ? last.judged() / last.seconds() : 0;
    }

    /** The larger of the largest sampled VmRSS and the process's own high-water mark (VmHWM), in MiB. */
    long peakRssMb(OptionalLong pid) {
        double hwm = pid.isPresent() ? ProcessMemory.kib(pid.getAsLong(), "VmHWM:") / 1024.0 : 0;
        return Math.round(Math.max(maxRssMb, hwm));
    }

    /**
     * Least-squares slope of RSS against comments read over the second half of the samples, in MiB per
     * 100,000 comments: a bounded memory shows about 0 there; a leak keeps a positive slope.
     */
    double slopeMbPer100k() {
        List<SoakReport.Sample> half = samples.subList(samples.size() / 2, samples.size());
        int n = half.size();
        if (n < 3) {
            return 0;
        }
        double mx = half.stream().mapToDouble(SoakReport.Sample::comments).average().orElse(0);
        double my = half.stream().mapToDouble(SoakReport.Sample::rssMb).average().orElse(0);
        double num = 0;
        double den = 0;
        for (SoakReport.Sample p : half) {
            num += (p.comments() - mx) * (p.rssMb() - my);
            den += (p.comments() - mx) * (p.comments() - mx);
        }
        return den == 0 ? 0 : round(num / den * 100_000);
    }

    SoakReport report(String startedAt, BenchOptions options, double seconds, BenchReport.Machine machine,
            Map<String, List<Double>> load, long peakRssMb, String failure, String command) {
        SoakReport.Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        boolean passed = failure == null && peakRssMb <= rssLimitMb;
        return new SoakReport(startedAt, options.seed(), options.comments(), options.articles(), last != null ? last.judged() : 0,
                round(seconds), machine, load, command, round(perSecond()), peakRssMb, rssLimitMb,
                last != null ? last.rssMb() : 0, slopeMbPer100k(), last != null ? last.stateMb() : 0, passed, failure,
                List.copyOf(milestones), List.copyOf(samples));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
