package dev.threadguard.launcher;

import dev.threadguard.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code threadguard} command. */
@Command(name = "threadguard", mixinStandardHelpOptions = true, version = "threadguard 0.1.0",
        description = "Event-driven comment moderation on Apache Kafka.",
        subcommands = {
            DemoCommand.class,
            UpCommand.class,
            ServiceCommand.Ingest.class,
            ServiceCommand.Moderation.class,
            ServiceCommand.Sink.class,
            EvaluateCommand.class,
            KeysCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    // Configuration and start-up problems are the user's to fix: one clear line, no stack trace.
                    if (e instanceof ConfigException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("threadguard " + cmd.getCommandName() + ": " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
