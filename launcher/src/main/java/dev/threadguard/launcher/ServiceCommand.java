package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import dev.threadguard.config.ServiceHandle;
import dev.threadguard.ingest.IngestConfig;
import dev.threadguard.ingest.IngestService;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.ModerationService;
import dev.threadguard.sink.SinkConfig;
import dev.threadguard.sink.SinkService;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;

/**
 * One service against external servers, configured only by environment variables: what a container
 * runs. Written once; each subcommand only names its service.
 */
abstract class ServiceCommand implements Callable<Integer> {
    private final Function<Env, ServiceHandle> starter;

    ServiceCommand(Function<Env, ServiceHandle> starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        ServiceHandle service = starter.apply(Env.system());
        System.out.println("started " + service.describe() + "; Ctrl-C stops it.");
        Running.untilShutdown(service);
        return 0;
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Runs the ingest HTTP service until Ctrl-C.",
                "It needs KAFKA_BOOTSTRAP_SERVERS and listens on INGEST_PORT (default 8081). "
                    + "`./threadguard config` lists every variable."})
    static final class Ingest extends ServiceCommand {
        Ingest() {
            super(env -> IngestService.start(IngestConfig.fromEnv(env)));
        }
    }

    @Command(name = "moderation", mixinStandardHelpOptions = true,
            description = {"Runs the moderation Kafka Streams application until Ctrl-C.",
                "It needs KAFKA_BOOTSTRAP_SERVERS and answers /health and /metrics on MODERATION_PORT (default 8082). "
                    + "`./threadguard config` lists every variable."})
    static final class Moderation extends ServiceCommand {
        Moderation() {
            super(env -> ModerationService.start(ModerationConfig.fromEnv(env)));
        }
    }

    @Command(name = "sink", mixinStandardHelpOptions = true,
            description = {"Runs the sink until Ctrl-C: moderated comments into PostgreSQL, the review queue and the thread API.",
                "It needs KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL (with DATABASE_USER and DATABASE_PASSWORD) and "
                    + "listens on SINK_PORT (default 8080). `./threadguard config` lists every variable."})
    static final class Sink extends ServiceCommand {
        Sink() {
            super(env -> SinkService.start(SinkConfig.fromEnv(env)));
        }
    }
}
