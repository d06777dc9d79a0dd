package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.contract.SiteKey;
import dev.threadguard.ingest.auth.SiteKeyAdmin;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code threadguard keys create|list|revoke}: the ingest API's site keys, kept on the Kafka topic {@code site.keys}
 * (hashes only), so the commands need Kafka, not the services.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Creates, lists and revokes the site keys the ingest API requires.",
            "Talks to Kafka at KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092, the broker of `threadguard up`). "
                + "Running ingest instances pick a change up within about a second."},
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where Kafka is: {@code --bootstrap-servers}, else the environment. */
    static final class KafkaOption {
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
                description = "Kafka to use (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:EMBEDDED_KAFKA_PORT or 9092).")
        String bootstrapServers;

        SiteKeyAdmin admin() {
            Env env = Env.system();
            String bootstrap = bootstrapServers != null ? bootstrapServers : env.optional(Settings.KAFKA_BOOTSTRAP_SERVERS.name())
                    .orElse("127.0.0.1:" + Settings.EMBEDDED_KAFKA_PORT.read(env));
            return new SiteKeyAdmin(bootstrap, Settings.TOPIC_REPLICATION.read(env).shortValue(), TIMEOUT,
                    Clock.systemUTC());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates a key for SITE and prints it, this once: only its hash is kept.",
                "A site may have several keys: create the new one, deploy it, then revoke the old one."})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOption kafka;

        @Parameters(paramLabel = "SITE", description = "The site's name: 1 to 64 of a-z, 0-9, '.', '_', '-'.")
        String site;

        @Override
        public Integer call() {
            SiteKeyAdmin.CreatedKey created = kafka.admin().create(site);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created key " + created.siteKey().keyId() + " for site " + created.siteKey().site() + ":");
            out.println();
            out.println("  " + created.key());
            out.println();
            out.println("It is shown this once (Threadguard keeps only its hash). Send it to the ingest API as");
            out.println("`Authorization: Bearer KEY`; revoke it with `threadguard keys revoke " + created.siteKey().keyId() + "`.");
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every key: id, site, when created and when revoked. Never the keys themselves.")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOption kafka;

        @Override
        public Integer call() {
            List<SiteKey> keys = kafka.admin().list();
            PrintWriter out = spec.commandLine().getOut();
            if (keys.isEmpty()) {
                out.println("No site keys yet: create one with `threadguard keys create SITE`.");
            } else {
                String format = "%-20s %-24s %-21s %s%n";
                out.printf(format, "KEY ID", "SITE", "CREATED", "REVOKED");
                keys.forEach(k -> out.printf(format, k.keyId(), k.site(), time(k.createdAt()),
                        k.revokedAt() == null ? "-" : time(k.revokedAt())));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes the key KEYID (see `keys list`): ingest refuses it within seconds. It cannot be undone.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOption kafka;

        @Parameters(paramLabel = "KEYID", description = "The key's id, e.g. k-4f0c9a21be37.")
        String keyId;

        @Override
        public Integer call() {
            SiteKey revoked = kafka.admin().revoke(keyId);
            spec.commandLine().getOut().println("Key " + revoked.keyId() + " of site " + revoked.site() + " is revoked (since "
                    + time(revoked.revokedAt()) + ").");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
