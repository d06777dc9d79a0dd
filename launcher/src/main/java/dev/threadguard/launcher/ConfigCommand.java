package dev.threadguard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Prints every environment variable Threadguard reads, with its default and who reads it, as a "
                + "Markdown table.",
            "The README's configuration table is this table: --check fails when a document's table differs from it, "
                + "and --write puts it in."})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "--check", paramLabel = "FILE",
                description = "Exit 1 when the table between FILE's markers differs from the generated one.")
        Path check;

        @Option(names = "--write", paramLabel = "FILE", description = "Replace the table between FILE's markers.")
        Path write;
    }

    @Override
    public Integer call() throws IOException {
        if (mode == null) {
            spec.commandLine().getOut().print(ConfigTable.generated());
            spec.commandLine().getOut().flush();
            return 0;
        }
        Path file = mode.check != null ? mode.check : mode.write;
        if (!Files.isReadable(file)) {
            spec.commandLine().getErr().println("threadguard config: cannot read " + file);
            return 2;
        }
        String document = Files.readString(file, StandardCharsets.UTF_8);
        Optional<String> table = ConfigTable.in(document);
        if (table.isEmpty()) {
            spec.commandLine().getErr().println("threadguard config: " + file + " has no configuration table markers: "
                    + ConfigTable.BEGIN + " ... " + ConfigTable.END);
            return 2;
        }
        if (mode.write != null) {
            Files.writeString(file, ConfigTable.rewrite(document), StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("wrote the configuration table into " + file);
            return 0;
        }
        if (table.get().equals(ConfigTable.generated())) {
            spec.commandLine().getOut().println(file + ": the configuration table is up to date");
            return 0;
        }
        spec.commandLine().getErr().println(file + ": the configuration table differs from the settings catalogue "
                + "(dev.threadguard.config.Settings); run ./threadguard config --write " + file);
        return 1;
    }
}
