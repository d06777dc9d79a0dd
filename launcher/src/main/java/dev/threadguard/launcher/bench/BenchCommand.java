package dev.threadguard.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import static dev.threadguard.launcher.RunOptions.require;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import dev.threadguard.launcher.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code threadguard bench}: the end-to-end benchmark. Exit code 0 when every stage did its work (whatever
 * the figures), 1 when one could not (records missing after its time-out, a service that did not start),
 * 2 for options it cannot run with.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the pipeline against Kafka itself, in one run on one embedded broker, so the ratios hold on a noisy machine.",
            "Starts Kafka and PostgreSQL in this process, generates comments with a fixed seed (threads of up to 500, "
                + "replies, 20-80 words, duplicates, off-topic comments and help requests) and runs, in order: "
                + "1 Kafka's ProducerPerformance (400-byte records, acks=all, idempotent; the limit); "
                + "2 a pass-through Kafka Streams topology over the comments; 3-4 the moderation topology over them, "
                + "words only and default; 5 the whole pipeline (HTTP batch ingest, moderation, sink, PostgreSQL; the "
                + "services as child JVMs); 6 single POSTs at a fixed rate, accept -> stored latency (HdrHistogram). "
                + "Prints a table, the machine and its load; moderation is profiled with JFR.",
            "Exit code 0 when every stage did its work (slow figures never fail a run), 1 when one could not, 2 for bad options."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "A small run for CI, under 3 minutes: 2,000 comments, 100/s for 10 s.")
    boolean quick;

    @Option(names = "--comments", description = "Comments through the streams and pipeline stages (default 20000; 2000 with --quick).")
    Integer comments;

    @Option(names = "--articles", description = "Articles (threads) they are spread over, at most 500 comments each (default comments/100).")
    Integer articles;

    @Option(names = "--producer-records", description = "Records ProducerPerformance sends (default 500000; 100000 with --quick).")
    Long producerRecords;

    @Option(names = "--rate", description = "Comments per second of the latency stage, single POSTs (default 1000; 100 with --quick).")
    Double rate;

    @Option(names = "--rate-duration", description = "How long the latency stage sends, ISO-8601 (default PT60S; PT10S with --quick).")
    Duration rateDuration;

    @Option(names = "--settle", description = "How long the latency stage then waits for its comments to be stored (default PT90S; PT30S with --quick).")
    Duration settle;

    @Option(names = "--batch-size", defaultValue = "500", description = "Comments per POST /api/comments/batch in the pipeline stage (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--concurrency", defaultValue = "4", description = "Batch requests in flight in the pipeline stage (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--senders", defaultValue = "64", description = "Single POSTs in flight at most in the latency stage (default ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--stall", defaultValue = "PT10M", description = "How long a stage may go without a new record before the run fails as stuck (default ${DEFAULT-VALUE}; a machine at a load of 40 took over 5 minutes for the pipeline's first verdict).")
    Duration stall;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated traffic (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--soak-comments", description = "Run the memory soak instead of the stages: this many comments "
            + "(e.g. 1000000) written straight to Kafka, then moderation as its own process (`threadguard moderation`, "
            + "default configuration) works through them while its RSS, heap and state are sampled; --articles default "
            + "comments/100, --stall applies.")
    Integer soakComments;

    @Option(names = "--rss-limit-mb", defaultValue = "1024", description = "With --soak-comments: the run fails (exit 1) "
            + "when moderation's peak RSS exceeds this many MiB (default ${DEFAULT-VALUE}).")
    int rssLimitMb;

    @Override
    public Integer call() throws Exception {
        if (soakComments != null) {
            return soak(soakOptions());
        }
        BenchOptions options = options();
        if (System.getenv("THREADGUARD_LOG_LEVEL") == null) {
            // The topology stages run in this process: one log line per flagged comment would bury the progress bar.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.threadguard"))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Path workDir = Files.createTempDirectory("threadguard-bench-");
        BenchReport report;
        try {
            report = new BenchRun(options, System.out, System.console() != null, workDir).run();
        } catch (BenchFailure e) {
            System.err.println("threadguard bench: FAILED: " + e.getMessage());
            System.err.println("threadguard bench: logs and data kept in " + workDir);
            return 1;
        }
        BenchTable.print(report, System.out);
        run.writeReport(report, "bench", System.out);
        run.finish(workDir, true, "bench", System.out);
        return 0;
    }

    private int soak(BenchOptions options) throws Exception {
        Path workDir = Files.createTempDirectory("threadguard-soak-");
        SoakReport report;
        try {
            report = new SoakRun(options, rssLimitMb, System.out, System.console() != null, workDir).run();
        } catch (BenchFailure e) {
            System.err.println("threadguard bench: FAILED: " + e.getMessage());
            System.err.println("threadguard bench: logs and data kept in " + workDir);
            return 1;
        }
        report.print(System.out);
        run.writeReport(report, "bench", System.out);
        run.finish(workDir, report.passed(), "bench", System.out);
        return report.passed() ? 0 : 1;
    }

    /** The soak's settings: its comments and articles, the seed and the stall time; the stages' options unused. */
    BenchOptions soakOptions() {
        int n = soakComments;
        int a = articles != null ? articles : Math.max(1, n / 100);
        require(n >= 1_000, "--soak-comments must be at least 1000, got " + n);
        require(a >= 1, "--articles must be at least 1, got " + a);
        require((long) a * Traffic.MAX_THREAD >= n, "--articles " + a + " cannot hold " + n + " comments (at most "
                + Traffic.MAX_THREAD + " per thread); give at least " + (n + Traffic.MAX_THREAD - 1) / Traffic.MAX_THREAD);
        require(rssLimitMb >= 64, "--rss-limit-mb must be at least 64, got " + rssLimitMb);
        require(stall.toSeconds() >= 10, "--stall must be at least PT10S, got " + stall);
        require(!quick, "--quick and --soak-comments are two different runs: give one");
        return new BenchOptions(false, seed, n, a, 0, 0, 1, Duration.ofSeconds(1), Duration.ZERO, batchSize, concurrency,
                senders, stall, List.of());
    }

    BenchOptions options() {
        int n = comments != null ? comments : quick ? 2_000 : 20_000;
        int a = articles != null ? articles : Math.max(1, n / 100);
        long pp = producerRecords != null ? producerRecords : quick ? 100_000 : 500_000;
        double r = rate != null ? rate : quick ? 100 : 1_000;
        Duration d = rateDuration != null ? rateDuration : Duration.ofSeconds(quick ? 10 : 60);
        Duration s = settle != null ? settle : Duration.ofSeconds(quick ? 30 : 90);
        require(n >= 10, "--comments must be at least 10, got " + n);
        require(a >= 1, "--articles must be at least 1, got " + a);
        require(pp >= 1_000, "--producer-records must be at least 1000, got " + pp);
        require(r > 0 && r <= 100_000, "--rate must be above 0 and at most 100000 comments/s, got " + r);
        require(!d.isNegative() && !d.isZero(), "--rate-duration must be positive, got " + d);
        require(r * d.toMillis() / 1000.0 >= 1, "--rate × --rate-duration must send at least one comment");
        require(r * d.toMillis() / 1000.0 <= 10_000_000, "--rate × --rate-duration must send at most 10,000,000 comments");
        long all = n + Math.round(r * d.toMillis() / 1000.0);
        require((long) a * Traffic.MAX_THREAD >= all, "--articles " + a + " cannot hold the " + all + " comments of the "
                + "pipeline and latency stages (at most " + Traffic.MAX_THREAD + " per thread); give at least "
                + (all + Traffic.MAX_THREAD - 1) / Traffic.MAX_THREAD);
        require(!s.isNegative(), "--settle must not be negative, got " + s);
        require(batchSize >= 1 && batchSize <= 10_000, "--batch-size must be between 1 and 10000 (ingest's INGEST_MAX_BATCH_ITEMS), got " + batchSize);
        require(concurrency >= 1 && concurrency <= 64, "--concurrency must be between 1 and 64, got " + concurrency);
        require(senders >= 1 && senders <= 1_000, "--senders must be between 1 and 1000, got " + senders);
        require(stall.toSeconds() >= 10, "--stall must be at least PT10S, got " + stall);
        return new BenchOptions(quick, seed, n, a, pp, 400, r, d, s, batchSize, concurrency, senders, stall,
                List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
    }
}
