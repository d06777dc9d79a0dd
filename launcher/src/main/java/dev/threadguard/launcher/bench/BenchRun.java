package dev.threadguard.launcher.bench;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.launcher.faults.FaultServers;
import dev.threadguard.launcher.faults.IngestClient;
import dev.threadguard.moderation.ModerationConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One benchmark run: the servers in this process, then the stages in order on the same broker. {@link BenchCommand}
 * reads the options; this class does the run.
 */
final class BenchRun {
    private static final int STAGES = 7; // the six measured stages and the warm-up before moderation (the pipeline warms up inside its stage)

    private final BenchOptions options;
    private final PrintStream out;
    private final Path workDir;
    private final Progress progress;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final ProcessMemory memory = new ProcessMemory();
    private final Map<String, JfrSummary> profiles = new LinkedHashMap<>();
    /** Per stage, ms of CPU per comment by thread group or process ({@link CpuAccount}). */
    private final Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();

    BenchRun(BenchOptions options, PrintStream out, boolean terminal, Path workDir) {
        this.options = options;
        this.out = out;
        this.workDir = workDir;
        this.progress = new Progress(out, terminal, STAGES);
    }

    BenchReport run() throws Exception {
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now();
        Map<String, List<Double>> load = new LinkedHashMap<>();
        load.put("start", Machine.loadAverage());
        memory.watch("bench", () -> ProcessHandle.current().pid());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-memory");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(memory::sampleNow, 1, 1, TimeUnit.SECONDS);
        out.printf("bench: %s run, seed %d, %,d comments over %,d articles; load average %s; work folder %s%n",
                options.quick() ? "quick" : "full", options.seed(), options.comments(), options.articles(),
                load.get("start"), workDir);
        // Before the broker starts: see JfrSampler for what a recording started later costs the stage it starts in.
        try (JfrSampler jfr = JfrSampler.start();
                FaultServers servers = FaultServers.start(workDir);
                BenchKafka kafka = new BenchKafka(servers.bootstrapServers())) {
            if (jfr.unavailable() != null) {
                out.println("bench: " + jfr.unavailable());
            }
            TopicSetup.ensureTopics(servers.bootstrapServers(), ModerationConfig.DEFAULT_TOPIC_PARTITIONS, (short) 1);
            String prefix = "b" + runId + "-";
            Traffic streamsTraffic = Traffic.generate(options.seed(), prefix + "s", options.articles(), options.comments(),
                    Instant.now());
            Traffic pipelineTraffic = Traffic.generate(options.seed(), prefix + "p", options.articles(),
                    options.comments() + options.latencyComments(), Instant.now());
            List<Comment> pipelineComments = pipelineTraffic.comments().subList(0, options.comments());
            List<Comment> rateComments = renamed(pipelineTraffic.comments().subList(options.comments(),
                    pipelineTraffic.comments().size()), prefix + "pc", prefix + "lc", options.comments());

            // 1. The limit: Kafka's own producer benchmark on a fresh topic.
            progress.stage(String.format("ProducerPerformance, %,d records of %d bytes, acks=all, idempotent",
                    options.producerRecords(), options.recordSize()), 0);
            String ppTopic = "bench." + runId + ".producer-perf";
            kafka.createTopic(ppTopic, ModerationConfig.DEFAULT_TOPIC_PARTITIONS);
            ProducerPerf.Result pp = ProducerPerf.run(servers.bootstrapServers(), ppTopic, options.producerRecords(),
                    options.recordSize(), workDir.resolve("producer-perf.log"), memory);
            progress.done(String.format("%,.0f records/s", pp.perSecond()));

            kafka.load(streamsTraffic);
            StreamsStage streams = new StreamsStage(kafka, workDir.resolve("streams"));

            // 2. The pass-through topology: what any Streams app costs here. Measured warm, like moderation (below): a
            // first pass over the same comments, in an application and to a topic of its own, compiles Streams' code
            // (the JIT compilers took 40 % of the process's CPU in a cold pass-through, 30 November 2026).
            progress.stage("pass-through topology (read, deserialize, serialize, write; after an unmeasured pass)",
                    options.comments());
            String ptWarmOut = "bench." + runId + ".warm-up-pass-through";
            kafka.createTopic(ptWarmOut, ModerationConfig.DEFAULT_TOPIC_PARTITIONS);
            // Not "<measured id>-warm-up": CpuAccount knows an application's threads by its id as their names' prefix.
            streams.runPassThrough("bench-" + runId + "-warm-up-pass-through", ptWarmOut, options.comments(),
                    options.stageTimeout(), n -> progress.update(0));
            String ptOut = "bench." + runId + ".pass-through";
            kafka.createTopic(ptOut, ModerationConfig.DEFAULT_TOPIC_PARTITIONS);
            StreamsStage.Result pt = streams.runPassThrough("bench-" + runId + "-pass-through", ptOut,
                    options.comments(), options.stageTimeout(), progress::update);
            cpu.put("passThrough", pt.cpuMsPerComment());
            progress.done(String.format("%,.0f comments/s", pt.perSecond()));

            // 3-4. The moderation topology, words only then default, after a warm-up over the same comments in an
            // application of its own: a fresh JVM spends its first thousands of comments loading and compiling the
            // detectors (measured over 10,000 comments, words only: 383/s cold, 726/s on the second pass, 1,019/s on
            // the third), which would otherwise be charged to whichever configuration runs first. A service runs
            // for days: the warm figure is the one that says what it sustains.
            int warmUp = options.comments();
            progress.stage(String.format("warm-up: moderation topology over %,d comments (not measured)", warmUp), warmUp);
            String warmId = "bench-" + runId + "-moderation-warm-up";
            streams.runModeration(streams.config(warmId), warmUp, options.stageTimeout(), progress::update);
            progress.done("done");
            StreamsStage.Result wordsOnly = moderation(streams, jfr, "words-only", false);
            StreamsStage.Result full = moderation(streams, jfr, "default", true);

            // 5. The whole pipeline, the services as child JVMs.
            progress.stage("pipeline: HTTP batch ingest -> moderation -> sink -> PostgreSQL (starting services, "
                    + "then an unmeasured warm-up)", options.comments());
            PipelineStage.Result pipeline;
            LatencyStage.Result latency;
            Map<String, Long> written;
            BenchServices services = BenchServices.start(servers, workDir, runId, false, options.jvmOptions(), memory);
            try {
                var client = services.client();
                // The services' JVMs are fresh too: other comments (own seed, own articles) first, not measured.
                int warmComments = Math.min(options.comments(), options.quick() ? 1_000 : 5_000);
                Traffic warm = Traffic.generate(options.seed() + 1, prefix + "w", Math.max(1, warmComments / 100),
                        warmComments, Instant.now());
                postArticles(client, warm);
                PipelineStage.run(services, warm.comments(), prefix + "wc", options.batchSize(), options.concurrency(),
                        options.stageTimeout(), n -> progress.update(0));
                postArticles(client, pipelineTraffic);
                Map<String, Long> writtenBefore = kafka.recordsWrittenPerTopic();
                CpuAccount cpuBefore = CpuAccount.take(memory.processes());
                pipeline = PipelineStage.run(services, pipelineComments, prefix + "pc", options.batchSize(),
                        options.concurrency(), options.stageTimeout(), progress::update);
                cpu.put("pipeline", CpuAccount.take(memory.processes()).processes(cpuBefore, pipelineComments.size()));
                written = kafka.writtenSince(writtenBefore);
                progress.done(String.format("%,.0f comments/s (ingest alone %,.0f/s)", pipeline.perSecond(),
                        pipeline.ingestPerSecond()));

                // 6. Latency at a fixed rate of single POSTs.
                progress.stage(String.format("latency: %,.0f comments/s for %d s as single POSTs", options.rate(),
                        options.rateDuration().toSeconds()), rateComments.size());
                latency = LatencyStage.run(services, rateComments, prefix + "lc", options.rate(), options.latencySenders(),
                        options.settle(), progress::update);
                progress.done(String.format("p50 %.0f ms, p99 %.0f ms%s", latency.storedMicros().getValueAtPercentile(50) / 1000.0,
                        latency.storedMicros().getValueAtPercentile(99) / 1000.0,
                        (latency.notStored() > 0 ? ", " + latency.notStored() + " not stored within " + options.settle() : "")
                        + (latency.notSent() > 0 ? ", " + latency.notSent() + " not sent (the senders fell behind)" : "")));
                memory.sampleNow();
            } finally {
                services.close();
            }
            if (Files.exists(services.moderationJfr())) {
                profiles.put("pipelineModeration", JfrSummary.of(services.moderationJfr(), "StreamThread"));
            }
            memory.sampleNow();
            sampler.shutdownNow();
            load.put("end", Machine.loadAverage());
            return report(startedAt, startNanos, load, streamsTraffic, pp, pt, wordsOnly, full, pipeline, latency, written);
        } finally {
            sampler.shutdownNow();
        }
    }

    private static void postArticles(IngestClient client, Traffic traffic) throws IOException, InterruptedException {
        for (var article : traffic.articles()) {
            BenchServices.post(client, "/api/articles", article);
        }
    }

    private StreamsStage.Result moderation(StreamsStage streams, JfrSampler jfr, String name, boolean embeddings) {
        progress.stage("moderation topology, " + name + (embeddings ? "" : " (OFF_TOPIC_EMBEDDINGS=false)"),
                options.comments());
        String appId = "bench-" + runId + "-moderation-" + name;
        ModerationConfig config = streams.config(appId);
        config = config.withDetectors(config.detectors().withOffTopicEmbeddings(embeddings));
        StreamsStage.Result r = streams.runModeration(config, options.comments(), options.stageTimeout(),
                progress::update);
        Path recording = workDir.resolve("moderation-" + name + ".jfr");
        if (jfr.dump(recording)) {
            profiles.put(embeddings ? "moderation" : "moderationWordsOnly", JfrSummary.of(recording, appId));
        }
        cpu.put(embeddings ? "moderation" : "moderationWordsOnly", r.cpuMsPerComment());
        progress.done(String.format("%,.0f comments/s", r.perSecond()));
        return r;
    }

    /**
     * The latency stage's comments under ids of their own ({@code from} → {@code to}), so its rows are counted
     * apart from the pipeline stage's; a reply to a comment of the pipeline stage keeps its parent.
     */
    static List<Comment> renamed(List<Comment> comments, String from, String to, int firstIndex) {
        return comments.stream().map(c -> new Comment(c.commentId().replace(from, to), c.articleId(),
                c.parentId() != null && c.parentId().startsWith(from)
                        && Integer.parseInt(c.parentId().substring(from.length())) >= firstIndex
                        ? c.parentId().replace(from, to) : c.parentId(),
                c.author(), c.title(), c.body(), c.postedAt())).toList();
    }

    private BenchReport report(Instant startedAt, long startNanos, Map<String, List<Double>> load, Traffic traffic,
            ProducerPerf.Result pp, StreamsStage.Result pt, StreamsStage.Result wordsOnly, StreamsStage.Result full,
            PipelineStage.Result pipeline, LatencyStage.Result latency, Map<String, Long> written) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("articles", traffic.articles().size());
        shape.put("comments", traffic.comments().size());
        shape.putAll(traffic.shape());
        shape.put("wordsPerComment", Traffic.MIN_WORDS + "-" + Traffic.MAX_WORDS);
        shape.put("duplicateShare", Traffic.DUPLICATE_SHARE);
        shape.put("offTopicShare", Traffic.OFF_TOPIC_SHARE);
        shape.put("supportShare", Traffic.SUPPORT_SHARE);
        Map<String, Object> ppMap = new LinkedHashMap<>();
        ppMap.put("records", pp.records());
        ppMap.put("recordSize", options.recordSize());
        ppMap.put("mbPerSec", pp.mbPerSecond());
        ppMap.put("p50Ms", pp.p50Ms());
        ppMap.put("p99Ms", pp.p99Ms());
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("targetPerSec", options.rate());
        rate.put("achievedPerSec", round(latency.achievedPerSecond()));
        rate.put("seconds", options.rateDuration().toSeconds());
        rate.put("sent", latency.sent());
        rate.put("notSent", latency.notSent());
        rate.put("accepted", latency.accepted());
        rate.put("notStoredWithinSettle", latency.notStored());
        rate.put("settleSeconds", options.settle().toSeconds());
        long comments = pipeline.comments();
        double recordsPerComment = written.values().stream().mapToLong(Long::longValue).sum() / (double) comments;
        double moderationRecords = full.writtenPerTopic().values().stream().mapToLong(Long::longValue).sum()
                / (double) full.records();
        BenchReport.Ratios ratios = new BenchReport.Ratios(ratio(pt.perSecond(), pp.perSecond()),
                ratio(wordsOnly.perSecond(), pt.perSecond()), ratio(full.perSecond(), pt.perSecond()),
                ratio(pipeline.perSecond(), pp.perSecond()), ratio(pipeline.perSecond(), pt.perSecond()));
        return new BenchReport(startedAt.toString(), options.quick(), options.seed(),
                round((System.nanoTime() - startNanos) / 1e9), Machine.describe(), load, shape,
                round(pp.perSecond()), ppMap, round(pt.perSecond()), round(wordsOnly.perSecond()), round(full.perSecond()),
                round(pipeline.perSecond()), round(pipeline.ingestPerSecond()), ratios, percentiles(latency.storedMicros()),
                percentiles(latency.postMicros()), rate, round(recordsPerComment), round(moderationRecords), written,
                memory.peaks(), cpu, profiles);
    }

    static Map<String, Double> percentiles(Histogram h) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("p50", round(h.getValueAtPercentile(50) / 1000.0));
        m.put("p95", round(h.getValueAtPercentile(95) / 1000.0));
        m.put("p99", round(h.getValueAtPercentile(99) / 1000.0));
        m.put("max", round(h.getMaxValue() / 1000.0));
        m.put("count", (double) h.getTotalCount());
        return m;
    }

    private static double ratio(double a, double b) {
        return b > 0 ? Math.round(a / b * 10_000) / 10_000.0 : 0;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
