package dev.threadguard.launcher;

import dev.threadguard.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code threadguard} command. */
@Command(name = "threadguard", mixinStandardHelpOptions = true, version = "threadguard 0.1.0",
        description = "Event-driven comment moderation on Apache Kafka.",
        subcommands = {
            DemoCommand.class,
            UpCommand.class,
            ServersCommand.class,
            ServiceCommand.Ingest.class,
            ServiceCommand.Moderation.class,
            ServiceCommand.Sink.class,
            EvaluateCommand.class,
            DistilCommand.class,
            ConfigCommand.class,
            dev.threadguard.launcher.faults.FaultsCommand.class,
            dev.threadguard.launcher.bench.BenchCommand.class,
            KeysCommand.class,
            UsersCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {
    /** The exit code of a command line that cannot be run as given (picocli's own for usage errors). */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.getSubcommands().get("up").getCommandSpec().usageMessage().footer(Addresses.pipelineFooter(true));
        cli.getSubcommands().get("demo").getCommandSpec().usageMessage().footer(Addresses.pipelineFooter(false));
        cli.getSubcommands().get("servers").getCommandSpec().usageMessage().footer(Addresses.serversFooter());
        return cli
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    // Configuration and start-up problems are the user's to fix: one clear line, no stack trace.
                    if (e instanceof ConfigException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("threadguard " + cmd.getCommandName() + ": " + e.getMessage());
                        return USAGE;
                    }
                    throw e;
                });
    }

    /** No command given: that is a usage error, not a run that did something. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("threadguard: name a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }
}
