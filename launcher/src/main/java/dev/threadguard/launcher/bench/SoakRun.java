package dev.threadguard.launcher.bench;

import dev.threadguard.config.Settings;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.EmbeddedKafkaBroker;
import dev.threadguard.embedded.FreePorts;
import dev.threadguard.launcher.faults.Pause;
import dev.threadguard.launcher.faults.ServiceProcess;
import dev.threadguard.moderation.ModerationConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The memory soak ({@code bench --soak-comments N}): N generated comments written straight into the input topics
 * (a Kafka producer; ingest is not what is measured), then moderation as a separate process started as an operator
 * starts it ({@code threadguard moderation}: the launcher script's heap and memory settings, default configuration)
 * works through them while its resident memory, heap and state folder are sampled every {@value #SAMPLE_SECONDS} s.
 */
final class SoakRun {
    static final int SAMPLE_SECONDS = 5;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    // A day of comments: nothing leaves moderation's windows (MODERATION_RETENTION and the global copy search's
    // retention are longer), so the state only grows, as it does on a platform within its retention.
    private static final Duration SPAN = Duration.ofDays(1);

    private final BenchOptions options;
    private final int rssLimitMb;
    private final PrintStream out;
    private final Path workDir;
    private final Progress progress;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    SoakRun(BenchOptions options, int rssLimitMb, PrintStream out, boolean terminal, Path workDir) {
        this.options = options;
        this.rssLimitMb = rssLimitMb;
        this.out = out;
        this.workDir = workDir;
        this.progress = new Progress(out, terminal, 3);
    }

    SoakReport run() throws Exception {
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now();
        Map<String, List<Double>> load = new LinkedHashMap<>();
        load.put("start", Machine.loadAverage());
        out.printf("bench: soak, seed %d, %,d comments over %,d articles; moderation RSS limit %,d MiB; load average %s;"
                + " work folder %s%n", options.seed(), options.comments(), options.articles(), rssLimitMb,
                load.get("start"), workDir);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, workDir.resolve("kafka"))) {
            TopicSetup.ensureTopics(broker.bootstrapServers(), ModerationConfig.DEFAULT_TOPIC_PARTITIONS, (short) 1);

            Path logs = Files.createDirectories(workDir.resolve("logs"));
            Path stateDir = workDir.resolve("moderation").resolve("streams");
            int port = FreePorts.pick();
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            env.put("MODERATION_PORT", String.valueOf(port));
            env.put("THREADGUARD_DATA_DIR", workDir.resolve("moderation").toString());
            env.put(Settings.MODERATION_STATE_DIR.name(), stateDir.toString());
            String appId = "soak-" + runId;
            env.put(Settings.MODERATION_APPLICATION_ID.name(), appId);
            Path script = launcherScript();
            List<String> jvm = script != null ? List.of() : List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
            try (ServiceProcess moderation = new ServiceProcess("moderation", port, env, logs.resolve("moderation.log"),
                    jvm, script)) {
                Thread cleanup = new Thread(() -> moderation.stop(ServiceProcess.Stop.KILL), "soak-cleanup");
                Runtime.getRuntime().addShutdownHook(cleanup);
                // Its JVM starts (minutes on a crowded machine) while the comments are written; it reads them as they come.
                moderation.start();
                progress.stage(String.format("writing %,d comments to %s (Kafka producer) while moderation starts",
                        options.comments(), Topics.COMMENTS_SUBMITTED.name()), options.comments());
                long writeStart = System.nanoTime();
                write(broker.bootstrapServers(), Traffic.stream(options.seed(), "s" + runId + "-", options.articles(),
                        options.comments(), Instant.now(), SPAN));
                progress.done(String.format("%,.0f comments/s", options.comments() / ((System.nanoTime() - writeStart) / 1e9)));
                progress.stage("moderation: waiting for its first healthy answer", 0);
                double startSeconds = moderation.awaitHealthy(START_TIMEOUT);
                if (startSeconds < 0) {
                    throw new BenchFailure("moderation did not become healthy within " + START_TIMEOUT + "; see " + moderation.log());
                }
                progress.done(String.format("healthy after %.1f s (%s)", startSeconds,
                        script != null ? script : "java " + String.join(" ", jvm)));

                SoakSamples samples = new SoakSamples(options.comments(), rssLimitMb); // its clock starts now
                progress.stage(String.format("moderation over %,d comments (read; verdicts lag in a backlog); RSS, heap and state sampled every %d s",
                        options.comments(), SAMPLE_SECONDS), options.comments());
                String failure;
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                    failure = follow(moderation, admin, appId, stateDir, samples);
                }
                if (failure != null) {
                    progress.done("stopped: " + failure);
                } else {
                    progress.done(String.format("%,.0f comments/s, peak RSS %,d MiB", samples.perSecond(),
                            samples.peakRssMb(moderation.pid())));
                }
                load.put("end", Machine.loadAverage());
                long peak = samples.peakRssMb(moderation.pid());
                moderation.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook runs
                }
                return samples.report(startedAt.toString(), options, (System.nanoTime() - startNanos) / 1e9,
                        Machine.describe(), load, peak, failure, script != null ? script.toString() : String.join(" ", jvm));
            }
        }
    }

    /**
     * Samples until every comment is judged, moderation ends, or nothing moves for the stall time.
     *
     * @return why it stopped early, or null when every comment was judged
     */
    private String follow(ServiceProcess moderation, Admin admin, String appId, Path stateDir, SoakSamples samples) {
        long lastChange = System.nanoTime();
        long last = -1;
        while (true) {
            if (!moderation.alive()) {
                return "moderation ended by itself (see " + moderation.log() + ")";
            }
            SoakSamples.Metrics m = SoakSamples.Metrics.read(moderation.url("/metrics"));
            long consumed = consumed(admin, appId);
            long judged = m != null ? m.judged() : 0;
            samples.add(consumed, judged, moderation.pid(), m, stateDir);
            progress.update(Math.max(0, consumed));
            if (judged >= options.comments()) {
                return null;
            }
            if (consumed + judged != last) {
                last = consumed + judged;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > options.stageTimeout().toNanos()) {
                return "nothing read or judged for " + options.stageTimeout() + " at " + consumed + " read, " + judged + " judged";
            }
            Pause.millis(SAMPLE_SECONDS * 1_000L);
        }
    }

    /**
     * Comments moderation has read: its committed offsets on the input topic (written without transactions, so an
     * offset is a record). Its verdicts lag behind in a backlog: Streams drains the first stage's input before the
     * later stages' repartition topics, so the verdicts come in bursts.
     */
    private static long consumed(Admin admin, String appId) {
        try {
            return admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.COMMENTS_SUBMITTED.name())
                            && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            return 0; // the group is rebalancing: the next sample reads it
        }
    }

    /** Articles first, then the comments as they are generated (never all in memory), keyed by article. */
    private void write(String bootstrap, Traffic.Generator traffic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failed = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            var aSer = Topics.ARTICLES.valueSerde().serializer();
            traffic.articles().forEach(a -> producer.send(new ProducerRecord<>(Topics.ARTICLES.name(),
                    a.articleId().getBytes(StandardCharsets.UTF_8), aSer.serialize(Topics.ARTICLES.name(), a))));
            producer.flush();
            var cSer = Topics.COMMENTS_SUBMITTED.valueSerde().serializer();
            long sent = 0;
            while (traffic.hasNext()) {
                Comment c = traffic.next();
                producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), c.articleId().getBytes(StandardCharsets.UTF_8),
                        cSer.serialize(Topics.COMMENTS_SUBMITTED.name(), c)), (md, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            } else {
                                acked.incrementAndGet();
                            }
                        });
                if (++sent % 1_000 == 0) {
                    progress.update(acked.get());
                    if (failed.get() != null) {
                        break;
                    }
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new BenchFailure("the broker refused a comment: " + failed.get().getMessage());
        }
        progress.update(acked.get());
    }

    /**
     * The {@code threadguard} script next to the jar this runs from ({@code launcher/target/threadguard.jar} in a
     * clone), or null when there is none (the service then starts as {@code java -Xmx512m ...}).
     */
    static Path launcherScript() {
        try {
            Path jar = Path.of(SoakRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() != null && jar.getParent().getParent() != null
                    ? jar.getParent().getParent().getParent() : null;
            Path script = root != null ? root.resolve("threadguard") : null;
            return script != null && Files.isExecutable(script) ? script : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    static long directoryBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a file RocksDB removed during the walk
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
