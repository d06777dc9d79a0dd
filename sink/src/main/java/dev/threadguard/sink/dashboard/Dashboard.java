package dev.threadguard.sink.dashboard;

import dev.threadguard.contract.Flag;
import dev.threadguard.sink.metrics.LiveSamples;
import dev.threadguard.sink.store.DashboardStore;
import dev.threadguard.sink.store.QueueSize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard page's data: what PostgreSQL knows (verdicts and flags per minute, time-to-moderate) and what
 * this sink instance sampled of itself (queue size, throughput, consumer lag). Works without Prometheus.
 */
public final class Dashboard {
    public static final int WINDOW_MINUTES = 60;
    /** Throughput is the slope of the rows-written counter over about this long. */
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final DashboardStore store;
    private final LiveSamples samples;
    private final Clock clock;

    public Dashboard(DashboardStore store, LiveSamples samples, Clock clock) {
        this.store = store;
        this.samples = samples;
        this.clock = clock;
    }

    public DashboardView view() {
        Instant now = clock.instant();
        long lastMinute = now.getEpochSecond() / 60 * 60;
        long firstMinute = lastMinute - (WINDOW_MINUTES - 1) * 60L;
        Instant from = Instant.ofEpochSecond(firstMinute);
        List<Long> minutes = new ArrayList<>(WINDOW_MINUTES);
        for (long m = firstMinute; m <= lastMinute; m += 60) {
            minutes.add(m);
        }
        List<LiveSamples.Sample> live = samples.samples();
        return new DashboardView(now, WINDOW_MINUTES, verdicts(minutes, from, now), queue(live),
                timeToModerate(minutes, from, now), pipeline(live));
    }

    private DashboardView.Verdicts verdicts(List<Long> minutes, Instant from, Instant now) {
        Map<Long, DashboardStore.VerdictMinute> byMinute = new HashMap<>();
        store.verdictsPerMinute(from, now.plusSeconds(1)).forEach(v -> byMinute.put(v.minute(), v));
        List<Long> comments = new ArrayList<>();
        Map<String, List<Long>> flags = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("comments", 0L);
        for (Flag flag : Flag.values()) {
            flags.put(flag.name(), new ArrayList<>());
            totals.put(flag.name(), 0L);
        }
        for (long minute : minutes) {
            DashboardStore.VerdictMinute v = byMinute.get(minute);
            long count = v == null ? 0 : v.comments();
            comments.add(count);
            totals.merge("comments", count, Long::sum);
            for (Flag flag : Flag.values()) {
                long raised = v == null ? 0 : v.flags().getOrDefault(flag, 0L);
                flags.get(flag.name()).add(raised);
                totals.merge(flag.name(), raised, Long::sum);
            }
        }
        return new DashboardView.Verdicts(minutes, comments, flags, totals);
    }

    private static DashboardView.Queue queue(List<LiveSamples.Sample> live) {
        List<Long> times = new ArrayList<>();
        Map<String, List<Long>> byFlag = new LinkedHashMap<>();
        for (Flag flag : Flag.values()) {
            byFlag.put(flag.name(), new ArrayList<>());
        }
        for (LiveSamples.Sample s : live) {
            times.add(s.at().getEpochSecond());
            for (Flag flag : Flag.values()) {
                byFlag.get(flag.name()).add(s.queue() == null ? null : s.queue().byFlag().get(flag));
            }
        }
        QueueSize latest = live.isEmpty() ? null : live.get(live.size() - 1).queue();
        Map<String, Long> now = null;
        Long total = null;
        if (latest != null) {
            now = new LinkedHashMap<>();
            for (Flag flag : Flag.values()) {
                now.put(flag.name(), latest.byFlag().getOrDefault(flag, 0L));
            }
            total = latest.comments();
        }
        return new DashboardView.Queue(now, total, times, byFlag);
    }

    private DashboardView.TimeToModerate timeToModerate(List<Long> minutes, Instant from, Instant now) {
        Map<Long, DashboardStore.WaitMinute> byMinute = new HashMap<>();
        store.waitsPerMinute(from, now.plusSeconds(1)).forEach(w -> byMinute.put(w.minute(), w));
        List<Double> p50 = new ArrayList<>();
        List<Double> p90 = new ArrayList<>();
        for (long minute : minutes) {
            DashboardStore.WaitMinute w = byMinute.get(minute);
            p50.add(w == null ? null : w.p50Seconds());
            p90.add(w == null ? null : w.p90Seconds());
        }
        return new DashboardView.TimeToModerate(minutes, p50, p90,
                store.waits(now.minus(Duration.ofDays(1)), now.plusSeconds(1)));
    }

    private static DashboardView.Pipeline pipeline(List<LiveSamples.Sample> live) {
        List<Long> times = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Long> lag = new ArrayList<>();
        int base = 0;
        for (int i = 0; i < live.size(); i++) {
            LiveSamples.Sample s = live.get(i);
            // The latest sample at least a minute older than this one (or the oldest there is).
            while (base + 1 < i && !live.get(base + 1).at().isAfter(s.at().minus(RATE_WINDOW))) {
                base++;
            }
            LiveSamples.Sample b = live.get(base);
            double seconds = Duration.between(b.at(), s.at()).toMillis() / 1000.0;
            times.add(s.at().getEpochSecond());
            rates.add(i == 0 || seconds <= 0 ? null : (s.commentRows() - b.commentRows()) / seconds * 60.0);
            lag.add(s.consumerLag());
        }
        return new DashboardView.Pipeline(times, rates, lag, rates.isEmpty() ? null : rates.get(rates.size() - 1),
                lag.isEmpty() ? null : lag.get(lag.size() - 1));
    }
}
