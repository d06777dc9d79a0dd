package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.embedded.DataFolder;
import dev.threadguard.embedded.EmbeddedServers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "servers", mixinStandardHelpOptions = true,
        description = {"Starts only the embedded Kafka broker and PostgreSQL, prints their addresses and runs until Ctrl-C.",
            "Then `./threadguard ingest`, `moderation` and `sink` can run as separate processes against them, "
                + "each with the environment lines printed at start. "
                + "It uses the same data folder as `up`, so the two never run on one folder at once."})
final class ServersCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Env env = Env.system();
        DataFolder folder = DataFolder.lock(WorkDir.lasting(env), "threadguard servers");
        EmbeddedServers servers;
        try {
            servers = EmbeddedServers.start(folder, EmbeddedServers.Plan.both(
                    Settings.EMBEDDED_KAFKA_PORT.read(env), Settings.EMBEDDED_DATABASE_PORT.read(env)));
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
        System.out.println("Threadguard's servers are up:");
        System.out.printf("  %-28s %s%n", "Kafka (embedded, KRaft)", servers.kafka().bootstrapServers());
        System.out.printf("  %-28s %s%n", "PostgreSQL (embedded)", servers.database().jdbcUrl());
        System.out.printf("  %-28s %s%n", "Data folder", folder.root());
        System.out.println();
        System.out.println("Run each service in its own terminal with these variables:");
        System.out.println("  export " + String.join(" ", servers.envLines()));
        System.out.println("  ./threadguard ingest");
        System.out.println("  ./threadguard moderation");
        System.out.println("  ./threadguard sink");
        System.out.println("(or read them from the folder: set -a; . " + folder.serversEnv() + "; set +a)");
        System.out.println("Ctrl-C stops the servers; the data stays in the data folder.");
        Running.untilShutdown(() -> {
            servers.close();
            folder.close();
        });
        return 0;
    }
}
