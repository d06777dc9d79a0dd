package dev.threadguard.launcher.faults;

import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.contract.Json;
import dev.threadguard.embedded.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One run of the fault harness: servers in this process, the three services as child JVMs, the
 * load, the faults on their schedule, the wait until idle, the checks. {@link FaultsCommand} reads the
 * options; this class does the run.
 */
final class FaultRun {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration MIN_GAP = Duration.ofSeconds(5);

    private final FaultOptions options;
    private final PrintStream out;
    private final Path workDir;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final Ledger ledger = new Ledger();
    private final List<FaultReport.Restart> restarts = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faults-background");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean monitoring = true;
    private long startNanos;

    FaultRun(FaultOptions options, PrintStream out, Path workDir) {
        this.options = options;
        this.out = out;
        this.workDir = workDir;
    }

    FaultReport run() throws Exception {
        startNanos = System.nanoTime();
        String idPrefix = "c-" + runId + "-";
        // Ctrl-C on the harness must not leave the services running: they are its children, not the JVM's.
        Thread cleanup = new Thread(() -> services.values().forEach(s -> s.stop(ServiceProcess.Stop.KILL)),
                "faults-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (FaultServers servers = FaultServers.start(workDir)) {
            out.printf("faults: Kafka on %s, PostgreSQL on %s, logs in %s%n", servers.bootstrapServers(),
                    servers.jdbcUrl(), workDir.resolve("logs"));
            String siteKey = newSiteKey();
            startServices(servers, siteKey);
            StoreWatch watch = new StoreWatch(servers, idPrefix);
            RssSampler memory = new RssSampler(startNanos, 0.25);
            memory.watch("harness (broker)", () -> java.util.OptionalLong.of(ProcessHandle.current().pid()));
            services.values().forEach(s -> memory.watch(s.service(), s::pid));
            try {
                IngestClient client = new IngestClient(services.get("ingest").url("/"), siteKey, background);
                List<String> articles = publishArticles(client);
                CommentLoad load = new CommentLoad(client, ledger, articles, options.seed(), options.comments(),
                        options.rate(), options.concurrency(), runId, fullDetector() ? HELP_SHARE : 0.0);
                List<FaultPlan.Fault> plan = FaultPlan.draw(options.seed(), options.kills(), options.terms(),
                        options.outages(), options.loadDuration());
                out.printf("faults: %d comments at %.0f/s over %d articles, concurrency %d, seed %d; faults: %s%n",
                        options.comments(), options.rate(), articles.size(), options.concurrency(), options.seed(),
                        plan.stream().map(f -> f.kind() + "@" + f.at().toSeconds() + "s").toList());
                background.execute(() -> monitor(watch, memory, load));
                long loadStart = System.nanoTime();
                var faults = background.submit(() -> inflict(plan, loadStart, servers, watch));
                load.run();
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                faults.get();
                settle(watch);
                monitoring = false;
                FaultChecks.Findings findings = FaultChecks.run(servers, ledger, idPrefix);
                return report(findings, memory, loadSeconds);
            } finally {
                monitoring = false;
                watch.close();
                services.values().forEach(ServiceProcess::close);
                background.shutdownNow();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
    }

    private void startServices(FaultServers servers, String siteKey) throws IOException {
        Path logs = Files.createDirectories(workDir.resolve("logs"));
        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", servers.bootstrapServers());
        common.put("DATABASE_URL", servers.jdbcUrl());
        common.put("DATABASE_USER", servers.databaseUser());
        common.put("DATABASE_PASSWORD", "");
        common.put("THREADGUARD_SITE_KEY", siteKey);
        // The harness checks delivery, not detection: words-only off-topic scoring keeps moderation from
        // needing most of the CPU (set OFF_TOPIC_EMBEDDINGS=true to run the full detector).
        common.put("OFF_TOPIC_EMBEDDINGS", offTopicEmbeddings());
        for (String service : List.of("sink", "moderation", "ingest")) {
            int port = FreePorts.pick();
            Map<String, String> env = new HashMap<>(common);
            env.put(service.toUpperCase() + "_PORT", String.valueOf(port));
            env.put("THREADGUARD_DATA_DIR", workDir.resolve(service).toString());
            env.put("MODERATION_STATE_DIR", workDir.resolve(service).resolve("streams").toString());
            if (service.equals("moderation")) {
                // Why a restarted instance is slow to rejoin is only in Streams' INFO lines; a failed run prints them.
                env.put(Settings.THREADGUARD_KAFKA_LOG_LEVEL.name(),
                        Env.system().string(Settings.THREADGUARD_KAFKA_LOG_LEVEL.name(), "INFO"));
            }
            ServiceProcess process = new ServiceProcess(service, port, env, logs.resolve(service + ".log"),
                    options.jvmOptions());
            services.put(service, process);
            process.start();
        }
        for (ServiceProcess s : services.values()) {
            double seconds = s.awaitHealthy(START_TIMEOUT);
            if (seconds < 0) {
                throw new IllegalStateException(s.service() + " did not become healthy within " + START_TIMEOUT
                        + "; see " + s.log());
            }
            out.printf("faults: %s healthy on port %d after %.1f s%n", s.service(), s.port(), seconds);
        }
    }

    private List<String> publishArticles(IngestClient client) throws Exception {
        Random random = new Random(options.seed());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < options.articles(); i++) {
            String id = "a-" + runId + "-" + i;
            Map<String, Object> article = new LinkedHashMap<>();
            article.put("articleId", id);
            article.put("title", Texts.words(random, 4, 8));
            article.put("body", Texts.words(random, 80, 160));
            int status = 0;
            for (int attempt = 0; attempt < 50 && status != 202; attempt++) {
                status = client.post("/api/articles", Json.write(article));
                if (status != 202) {
                    Pause.millis(200);
                }
            }
            if (status != 202) {
                throw new IllegalStateException("ingest did not accept article " + id + ": HTTP " + status);
            }
            ids.add(id);
        }
        return ids;
    }

    private Void inflict(List<FaultPlan.Fault> plan, long loadStart, FaultServers servers, StoreWatch watch) {
        long previousEnd = 0;
        for (FaultPlan.Fault fault : plan) {
            // On schedule, but never on top of the previous fault: each recovery is measured on its own.
            long due = Math.max(loadStart + fault.at().toNanos(), previousEnd + MIN_GAP.toNanos());
            Pause.millis((due - System.nanoTime()) / 1_000_000);
            long stopNanos = System.nanoTime();
            StoreWatch.CatchUp catchUp = watch.startCatchUp(stopNanos, ledger.acceptedBefore(stopNanos));
            double at = (stopNanos - loadStart) / 1e9;
            out.printf("faults: t=%.0fs %s%n", at, fault.kind());
            switch (fault.kind()) {
                case BROKER_OUTAGE -> {
                    servers.stopBroker();
                    ledger.brokerStopped();
                    Pause.millis(options.brokerOutage().toMillis());
                    ledger.brokerRestarting();
                    servers.startBroker();
                    record(fault, at, stopNanos, System.nanoTime(), services.get("ingest"), catchUp);
                }
                case DATABASE_OUTAGE -> {
                    servers.stopDatabase();
                    Pause.millis(options.databaseOutage().toMillis());
                    servers.startDatabase();
                    record(fault, at, stopNanos, System.nanoTime(), services.get("sink"), catchUp);
                }
                default -> {
                    ServiceProcess service = services.get(fault.kind().service());
                    service.restart(fault.kind().stop());
                    record(fault, at, stopNanos, service.startedNanos(), service, catchUp);
                }
            }
            previousEnd = System.nanoTime();
        }
        return null;
    }

    /** Measures, in the background, how long until {@code service} answers 200 again and the backlog is stored. */
    private void record(FaultPlan.Fault fault, double at, long stopNanos, long restartNanos, ServiceProcess service,
            StoreWatch.CatchUp catchUp) {
        int index;
        synchronized (restarts) {
            index = restarts.size();
            restarts.add(null);
        }
        background.execute(() -> {
            // As long as the run waits for the backlog: on a loaded machine a JVM start alone can take minutes.
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos() + options.settle().toNanos();
            long healthyAt = -1;
            long answeringAt = -1;
            while (System.nanoTime() < deadline && healthyAt < 0 && monitoring) {
                int status = service.health();
                if (status != -1 && answeringAt < 0) {
                    answeringAt = System.nanoTime();
                }
                if (status == 200) {
                    healthyAt = System.nanoTime();
                } else {
                    Pause.millis(100);
                }
            }
            while (catchUp.seconds < 0 && System.nanoTime() < deadline && monitoring) {
                Pause.millis(200);
            }
            FaultReport.Restart r = new FaultReport.Restart(fault.kind().name(), fault.kind().service(),
                    fault.kind().stop().name(), round(at),
                    healthyAt < 0 ? -1 : round((healthyAt - restartNanos) / 1e9),
                    healthyAt < 0 ? -1 : round((healthyAt - stopNanos) / 1e9),
                    healthyAt < 0 || answeringAt < 0 ? -1 : round((healthyAt - answeringAt) / 1e9), round(catchUp.seconds));
            synchronized (restarts) {
                restarts.set(index, r);
            }
            out.printf("faults: recovered from %s: healthy %.1f s after restart (%.1f s after /health first answered),"
                    + " %.1f s after the stop; caught up after %.1f s%n",
                    r.fault(), r.healthySeconds(), r.joinSeconds(), r.downSeconds(), r.catchUpSeconds());
        });
    }

    private void monitor(StoreWatch watch, RssSampler memory, CommentLoad load) {
        long lastMemory = 0;
        long lastPrint = 0;
        while (monitoring) {
            for (ServiceProcess s : services.values()) {
                s.restartIfEnded().ifPresent(exit -> {
                    // The log already holds the marker of the new start: the ended run's last line is before it.
                    List<String> said = LogTail.telling(s.log(), 2).stream()
                            .filter(line -> !line.startsWith(LogTail.START_MARKER)).toList();
                    out.printf("faults: %s ended by itself (exit code %d, see %s); started again%s%n", s.service(), exit,
                            s.log(), said.isEmpty() ? "" : "; its log ends: " + said.get(said.size() - 1));
                    ledger.crashes.incrementAndGet();
                });
            }
            boolean dbUp = watch.refresh();
            long now = System.nanoTime();
            if (now - lastMemory >= options.memoryEvery().toNanos()) {
                memory.sample();
                lastMemory = now;
            }
            if (now - lastPrint >= Duration.ofSeconds(5).toNanos()) {
                lastPrint = now;
                StringBuilder health = new StringBuilder();
                services.values().forEach(s -> health.append(' ').append(s.service()).append('=')
                        .append(s.alive() ? s.health() : "dead"));
                out.printf("faults: t=%4.0fs sent %d/%d answered %d accepted %d 503s %d stored %d%s | db %s%n",
                        (now - startNanos) / 1e9, load.sent(), options.comments(), load.done(), ledger.acceptedCount(),
                        ledger.unavailable.get(), watch.storedCount(), health, dbUp ? "up" : "down");
            }
            Pause.millis(500);
        }
    }

    /** Waits until every accepted comment is stored with its final verdict and recovery measured, or the settle time. */
    private void settle(StoreWatch watch) {
        long deadline = System.nanoTime() + options.settle().toNanos();
        while (System.nanoTime() < deadline) {
            long accepted = ledger.acceptedCount();
            boolean measured;
            synchronized (restarts) {
                measured = restarts.stream().allMatch(r -> r != null);
            }
            if (watch.storedCount() >= accepted && measured
                    && ledger.sent().values().stream().filter(Ledger.Sent::accepted)
                            .allMatch(s -> watch.isJudgedFinally(s.commentId))) {
                break;
            }
            Pause.millis(500);
        }
        // Late redeliveries (a verdict written twice) would show up within a few more seconds.
        Pause.millis(5_000);
    }

    private FaultReport report(FaultChecks.Findings f, RssSampler memory, double loadSeconds) {
        List<Double> downAnswers = ledger.brokerDownAnswerSeconds();
        Map<String, Double> down = new LinkedHashMap<>();
        down.put("count", (double) downAnswers.size());
        if (!downAnswers.isEmpty()) {
            down.put("p50", round(downAnswers.get(downAnswers.size() / 2)));
            down.put("p90", round(downAnswers.get((int) (downAnswers.size() * 0.9))));
            down.put("max", round(downAnswers.get(downAnswers.size() - 1)));
        }
        List<FaultReport.Memory> mem = memory.series().stream()
                .map(s -> new FaultReport.Memory(s.process(), s.samples().size(), round(s.lastMib()),
                        round(s.slopeMibPerMinute())))
                .toList();
        long accepted = ledger.acceptedCount();
        List<String> failures = new ArrayList<>();
        failIf(failures, !f.lost().isEmpty(), f.lost().size() + " accepted comments lost, e.g. " + head(f.lost()));
        failIf(failures, !f.duplicated().isEmpty(), f.duplicated().size() + " comments judged more than once (more than "
                + "one final or provisional verdict, or a provisional one after the final), e.g. " + head(f.duplicated()));
        failIf(failures, !f.withoutVerdictOnKafka().isEmpty() || !f.storedWithoutVerdict().isEmpty(),
                (f.withoutVerdictOnKafka().size() + f.storedWithoutVerdict().size()) + " accepted comments without a "
                        + "final verdict, e.g. " + head(java.util.stream.Stream.concat(f.withoutVerdictOnKafka().stream(),
                        f.storedWithoutVerdict().stream()).distinct().toList()));
        failIf(failures, !f.selfDuplicates().isEmpty(), f.selfDuplicates().size() + " comments flagged a duplicate of themselves");
        failIf(failures, ledger.acceptedWhileBrokerDown.get() > 0,
                ledger.acceptedWhileBrokerDown.get() + " requests answered 202 while the broker was down");
        failIf(failures, ledger.gaveUp.get() > 0, ledger.gaveUp.get() + " comments never answered within 5 minutes");
        failIf(failures, options.failOnOrderViolations() && !f.orderViolations().isEmpty(),
                f.orderViolations().size() + " duplicates name an original posted later");
        if (options.maxRssSlope() > 0) {
            // The services only: the harness's own JVM (the broker, the load, the checks) is reported, not judged.
            mem.stream().filter(m -> services.containsKey(m.process()))
                    .filter(m -> m.samples() >= 6 && m.slopeMibPerMinute() > options.maxRssSlope())
                    .forEach(m -> failures.add(m.process() + " memory grows " + m.slopeMibPerMinute() + " MiB/min"));
        }
        List<FaultReport.Restart> done;
        synchronized (restarts) {
            done = restarts.stream().filter(r -> r != null).toList();
        }
        return new FaultReport(options.seed(), ledger.sent().size(), accepted, f.stored(), f.lost().size(),
                f.duplicated().size(), f.withoutVerdictOnKafka().size() + f.storedWithoutVerdict().size(),
                f.verdictsPerComment(), f.selfDuplicates().size(), f.orderViolations().size(),
                f.orderViolations().stream().limit(5).toList(), f.duplicatesFlagged(), f.redelivered(), f.provisional(),
                ledger.unavailable.get(), ledger.noAnswer.get(), ledger.gaveUp.get(), f.storedWithout202(),
                ledger.acceptedWhileBrokerDown.get(), down, ledger.crashes.get(), done, mem, round(loadSeconds), round((System.nanoTime() - startNanos) / 1e9), failures);
    }

    /** With the full detector, the share of comments that open with a help request ({@link CommentLoad}). */
    private static final double HELP_SHARE = 0.3;

    /** {@code OFF_TOPIC_EMBEDDINGS} for moderation: this process's, else false (words only). */
    private static String offTopicEmbeddings() {
        return Env.system().string(Settings.OFF_TOPIC_EMBEDDINGS.name(), "false");
    }

    /** Whether moderation runs the full detector, whose help requests get a second opinion. */
    private static boolean fullDetector() {
        return "true".equalsIgnoreCase(offTopicEmbeddings().trim());
    }

    private static void failIf(List<String> failures, boolean failed, String why) {
        if (failed) {
            failures.add(why);
        }
    }

    private static List<String> head(List<String> ids) {
        return ids.stream().limit(5).toList();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String newSiteKey() {
        return dev.threadguard.ingest.auth.SiteKeyTokens.newKey();
    }
}
