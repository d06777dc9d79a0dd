package dev.threadguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.config.Env;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.SampleThread;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on the sample thread and prints it moderated.",
            "Publishes the sample thread through the ingest API, waits until every comment is stored,",
            "prints the reply tree with flags and reasons, then keeps serving until Ctrl-C."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--exit", description = "Stop after printing the moderated thread (exit code 0).")
    boolean exit;

    @Option(names = "--timeout", defaultValue = "PT2M",
            description = "How long to wait for the thread to be stored (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Env env = Env.system();
        Pipeline pipeline = Pipeline.start(env, WorkDir.of(env));
        try {
            System.out.println("Threadguard is up:");
            pipeline.describe().forEach(System.out::println);
            List<Event> events = SampleThread.events();
            String articleId = events.get(0).articleId();
            int comments = (int) events.stream().filter(Comment.class::isInstance).count();

            ThreadClient client = new ThreadClient(pipeline.ingestUrl(), pipeline.sinkUrl(), pipeline.siteKey().orElseThrow(() ->
                    new IllegalStateException("the site `default` already has a key on this Kafka, so the demo cannot post: "
                            + "set THREADGUARD_SITE_KEY to it, or run the demo on its own broker (unset KAFKA_BOOTSTRAP_SERVERS)")));
            long started = System.nanoTime();
            client.publish(events);
            JsonNode thread = client.awaitThread(articleId, comments, timeout);
            System.out.printf("%nSample thread published over HTTP, moderated and stored in %d ms:%n%n",
                    (System.nanoTime() - started) / 1_000_000);
            System.out.println(ThreadPrinter.render(thread));
            System.out.println("Review queue (web):  " + pipeline.sinkUrl() + "/");
            System.out.println("Thread API:          " + pipeline.sinkUrl() + "/api/threads/" + articleId);
            System.out.println("Review queue API:    " + pipeline.sinkUrl() + "/api/review-queue");
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        if (exit) {
            pipeline.close();
            return 0;
        }
        System.out.println("Serving until Ctrl-C.");
        Running.untilShutdown(pipeline);
        return 0;
    }
}
