package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline in this process, with no sample data, until Ctrl-C.",
            "Kafka and PostgreSQL are embedded unless KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL name running ones. "
                + "Their data stays in the data folder, so the next `up` picks up where this one stopped."})
final class UpCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Env env = Env.system();
        Pipeline pipeline = Pipeline.start(env, WorkDir.lasting(env), "threadguard up");
        System.out.println("Threadguard is up:");
        pipeline.describe().forEach(System.out::println);
        pipeline.loginLines().forEach(System.out::println);
        System.out.println("Ctrl-C stops it; the data stays in the data folder (delete it to start afresh).");
        Running.untilShutdown(pipeline);
        return 0;
    }
}
