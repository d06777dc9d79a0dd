package dev.threadguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.config.Env;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.SampleThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on the sample thread and prints it moderated.",
            "It publishes the sample thread through the ingest API, waits until every comment is stored with its "
                + "final verdict (none provisional) and prints the reply tree with flags and reasons. Then it keeps "
                + "serving until Ctrl-C, or stops at once with --exit. Its data lives in a temporary folder that is "
                + "removed when it ends."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--exit", description = "Stop after printing the moderated thread (exit code 0).")
    boolean exit;

    @Option(names = "--timeout", defaultValue = "PT2M",
            description = "How long to wait for the thread to be stored with final verdicts (ISO-8601, default "
                    + "${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Env env = Env.system();
        Path dataDir = WorkDir.temporary();
        AutoCloseable stop = () -> WorkDir.delete(dataDir);
        Pipeline pipeline;
        try {
            pipeline = Pipeline.start(env, dataDir, "threadguard demo");
            stop = () -> {
                pipeline.close();
                WorkDir.delete(dataDir);
            };
            System.out.println("Threadguard is up:");
            pipeline.describe().forEach(System.out::println);
            pipeline.loginLines().forEach(System.out::println);
            List<Event> events = SampleThread.events();
            String articleId = events.get(0).articleId();
            int comments = (int) events.stream().filter(Comment.class::isInstance).count();

            ThreadClient client = new ThreadClient(pipeline.ingestUrl(), pipeline.sinkUrl(), pipeline.siteKey().orElseThrow(() ->
                    new IllegalStateException("the site `default` already has a key on this Kafka, so the demo cannot post: "
                            + "set THREADGUARD_SITE_KEY to it, or run the demo on its own broker (unset KAFKA_BOOTSTRAP_SERVERS)")));
            if (pipeline.adminPassword().isPresent()) {
                client.logIn("admin", pipeline.adminPassword().get());
            }
            long started = System.nanoTime();
            client.publish(events);
            // Every comment stored and none provisional (awaiting the off-topic check's second opinion): what is
            // printed is final.
            JsonNode thread = client.awaitThread(articleId, comments, timeout);
            System.out.printf("%nSample thread published over HTTP, moderated and stored in %d ms:%n%n",
                    (System.nanoTime() - started) / 1_000_000);
            System.out.print(ThreadPrinter.render(thread));
            if (exit) {
                stop.close();
                System.out.println("\nDone: the demo stopped and removed its temporary data.");
                return 0;
            }
            // Links only while something answers them.
            System.out.println();
            System.out.println("Review queue (web):  " + pipeline.sinkUrl() + "/");
            System.out.println("Thread API:          " + pipeline.sinkUrl() + "/api/threads/" + articleId);
            System.out.println("Review queue API:    " + pipeline.sinkUrl() + "/api/review-queue");
            System.out.println("Serving until Ctrl-C (the demo's data is removed then; `up` keeps its data).");
        } catch (Exception e) {
            stop.close();
            throw e;
        }
        Running.untilShutdown(stop);
        return 0;
    }
}
