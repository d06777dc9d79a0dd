package dev.threadguard.launcher.bench;

import java.io.PrintStream;
import java.util.Map;

/** The report as a person reads it at the end of a run. */
final class BenchTable {
    private BenchTable() {
    }

    static void print(BenchReport r, PrintStream out) {
        BenchReport.Ratios x = r.ratios();
        out.println();
        out.println("| stage | per second | × ProducerPerformance | × pass-through |");
        out.println("|---|---:|---:|---:|");
        row(out, "Kafka ProducerPerformance (" + r.producerPerf().get("recordSize") + " B, acks=all, idempotent)",
                r.producerPerfPerSec(), 1, Double.NaN);
        row(out, "pass-through Streams topology", r.passThroughPerSec(), x.passThroughOfProducerPerf(), 1);
        row(out, "moderation topology, words only", r.moderationWordsOnlyPerSec(),
                r.moderationWordsOnlyPerSec() / r.producerPerfPerSec(), x.moderationWordsOnlyOfPassThrough());
        row(out, "moderation topology, default", r.moderationPerSec(), r.moderationPerSec() / r.producerPerfPerSec(),
                x.moderationOfPassThrough());
        row(out, "pipeline: HTTP batch → PostgreSQL, default", r.pipelinePerSec(), x.pipelineOfProducerPerf(),
                x.pipelineOfPassThrough());
        row(out, "  of which ingest alone (first POST → last 202)", r.pipelineIngestPerSec(),
                r.pipelineIngestPerSec() / r.producerPerfPerSec(), Double.NaN);
        out.println();
        Map<String, Object> rate = r.latencyLoad();
        out.printf("latency at %s comments/s (achieved %s/s) for %s s, single POSTs: accept → stored %s; POST %s%n",
                rate.get("targetPerSec"), rate.get("achievedPerSec"), rate.get("seconds"), ms(r.latencyMs()),
                ms(r.postLatencyMs()));
        if (((Number) rate.get("notStoredWithinSettle")).longValue() > 0) {
            out.printf("  %s of %s accepted comments were not stored %s s after the load ended: their figures are lower bounds%n",
                    rate.get("notStoredWithinSettle"), rate.get("accepted"), rate.get("settleSeconds"));
        }
        out.printf("Kafka records written per comment: %.1f in the pipeline (all topics, changelogs, repartitions and "
                + "transaction markers), %.1f by the moderation topology alone%n", r.recordsPerComment(),
                r.recordsPerCommentModeration());
        out.printf("peak RSS (MiB): %s  (bench = this process: broker and the topology stages)%n", r.peakRssMb());
        BenchReport.Machine m = r.machine();
        out.printf("machine: %d cores, %,d MiB, %s, %s; load average %s at start, %s at end; run %.0f s%n", m.cores(),
                m.memoryMb(), m.cpu(), m.java(), r.loadAverage().get("start"), r.loadAverage().get("end"), r.seconds());
        r.cpuMsPerComment().forEach((stage, split) -> out.printf("CPU per comment, %s (ms): %s%n", stage, split));
        r.profiles().forEach((stage, p) -> out.printf("profile %s (%d samples of the stream threads): by library %s; "
                + "top %s%n", stage, p.samples(), p.byLibrary(), p.self().entrySet().stream().limit(5).toList()));
    }

    private static void row(PrintStream out, String stage, double perSecond, double ofPp, double ofPt) {
        out.printf("| %s | %,.0f | %s | %s |%n", stage, perSecond, share(ofPp), share(ofPt));
    }

    private static String share(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        // One unit in a column: a share in per cent (100 % for the baseline), two decimals below 1 %.
        return v >= 0.01 ? String.format("%.1f %%", v * 100) : String.format("%.2f %%", v * 100);
    }

    private static String ms(Map<String, Double> p) {
        return String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms", p.get("p50"), p.get("p95"),
                p.get("p99"), p.get("max"));
    }
}
