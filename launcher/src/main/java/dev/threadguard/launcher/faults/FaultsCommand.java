package dev.threadguard.launcher.faults;

import static dev.threadguard.launcher.RunOptions.require;

import dev.threadguard.launcher.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code threadguard faults}: the fault harness. Exit code 0 when nothing was lost or duplicated (and,
 * for a soak, no process's memory kept growing), 1 otherwise.
 */
@Command(name = "faults", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the pipeline as three processes under faults and checks that nothing is lost or duplicated.",
            "Starts Kafka and PostgreSQL in this process and ingest, moderation and sink as child JVMs, sends comments "
                + "over HTTP, kill -9s moderation and sink --kills times each (and SIGTERMs them --terms times), "
                + "kill -9s ingest once, restarts the broker once and stops PostgreSQL for a while, then waits until "
                + "idle and checks every accepted comment: stored once, one committed verdict, no duplicate of itself "
                + "or of a later comment, no 202 while the broker was down.",
            "Soak: --soak PT30M --rate 500 sends at a steady rate without faults and samples each process's memory.",
            "Exit code 0 when all checks hold, 1 otherwise."})
public final class FaultsCommand implements Callable<Integer> {
    @Option(names = "--comments", defaultValue = "2000", description = "Comments to send (default ${DEFAULT-VALUE}).")
    int comments;

    @Option(names = "--kills", defaultValue = "2", description = "kill -9s of moderation and of sink, each (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--terms", defaultValue = "1", description = "SIGTERM restarts of moderation and of sink, each (default ${DEFAULT-VALUE}).")
    int terms;

    @Option(names = "--no-outages", description = "Leave out the ingest kill, the broker restart and the PostgreSQL outage.")
    boolean noOutages;

    @Option(names = "--seed", description = "Seed of the texts and the fault schedule (default: random, printed).")
    Long seed;

    @Option(names = "--rate", description = "Comments per second (default: spread so faults are ~15 s apart; 500 with --soak).")
    Double rate;

    @Option(names = "--concurrency", defaultValue = "8", description = "Requests in flight at most (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--articles", defaultValue = "20", description = "Articles the comments are spread over (default ${DEFAULT-VALUE}).")
    int articles;

    @Option(names = "--broker-outage", defaultValue = "PT10S", description = "How long the broker stays down (default ${DEFAULT-VALUE}).")
    Duration brokerOutage;

    @Option(names = "--database-outage", defaultValue = "PT15S", description = "How long PostgreSQL stays down (default ${DEFAULT-VALUE}).")
    Duration databaseOutage;

    @Option(names = "--settle", defaultValue = "PT5M", description = "How long to wait, after the load, for everything to be stored (default ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--soak", description = "Soak for this long (ISO-8601, e.g. PT30M) at --rate, without faults; memory sampled every 10 s.")
    Duration soak;

    @Option(names = "--max-rss-slope", defaultValue = "1.0", description = "With --soak: MiB per minute a process's memory may grow after warm-up (default ${DEFAULT-VALUE}).")
    double maxRssSlope;

    @Option(names = "--fail-on-order-violations", description = "Also fail when a duplicate names an original posted later (item 12; reported either way).")
    boolean failOnOrderViolations;

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() throws Exception {
        FaultOptions options = options();
        Path workDir = Files.createTempDirectory("threadguard-faults-");
        FaultReport report = new FaultRun(options, System.out, workDir).run();
        FaultSummary.print(report, System.out);
        if (!report.passed()) {
            printLogTails(workDir.resolve("logs"));
        }
        run.writeReport(report, "faults", System.out);
        run.finish(workDir, report.passed(), "faults", System.out);
        return report.passed() ? 0 : 1;
    }

    /** What each service's log says last, for a failed run: CI shows the output's tail, not the work folder. */
    private static void printLogTails(Path logs) throws java.io.IOException {
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (var files = Files.list(logs)) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = LogTail.telling(log, 25);
                System.out.printf("---- %s: last %d telling lines%n", log.getFileName(), lines.size());
                lines.forEach(System.out::println);
            }
        }
    }

    FaultOptions options() {
        require(comments >= 1 && concurrency >= 1 && articles >= 1 && kills >= 0 && terms >= 0,
                "--comments, --concurrency and --articles must be positive, --kills and --terms not negative");
        long s = seed != null ? seed : System.nanoTime() % 1_000_000;
        int faults = soak != null ? 0 : 2 * kills + 2 * terms + (noOutages ? 0 : 3);
        double r;
        int n = comments;
        if (soak != null) {
            r = rate != null ? rate : 500;
            n = (int) Math.min(Integer.MAX_VALUE, (long) (r * soak.toSeconds()));
        } else if (rate != null) {
            r = rate;
        } else {
            Duration load = faults == 0 ? Duration.ofSeconds(30) : FaultPlan.loadDurationFor(faults, Duration.ofSeconds(15));
            r = comments / (double) load.toSeconds();
        }
        require(r > 0, "--rate must be positive");
        return new FaultOptions(n, soak != null ? 0 : kills, soak != null ? 0 : terms, soak == null && !noOutages, s,
                concurrency, r, articles, brokerOutage, databaseOutage, settle, Duration.ofSeconds(10),
                soak != null ? maxRssSlope : 0, failOnOrderViolations, List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
    }
}
