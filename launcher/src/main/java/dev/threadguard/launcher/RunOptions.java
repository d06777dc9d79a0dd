package dev.threadguard.launcher;

import dev.threadguard.contract.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The options {@code bench} and {@code faults} share (a picocli mixin): {@code --json FILE} for the report and
 * {@code --keep} for the work folder, with what both commands do with them, and the check their own options go
 * through.
 */
public final class RunOptions {
    @Option(names = "--json", description = "Write the report as JSON to this file (its folder is created).")
    Path json;

    @Option(names = "--keep", description = "Keep the work folder (the servers' data, the services' logs and recordings) "
            + "after a run that passed; a failed run always keeps it.")
    boolean keep;

    public Path json() {
        return json;
    }

    public boolean keep() {
        return keep;
    }

    /** Writes {@code report} (any record Jackson writes) to {@code --json}'s file, when given, and says so. */
    public void writeReport(Object report, String command, PrintStream out) {
        if (json != null) {
            write(report, json);
            out.println(command + ": report written to " + json);
        }
    }

    /** Deletes the work folder after a run that passed, unless {@code --keep}; otherwise says where it is. */
    public void finish(Path workDir, boolean passed, String command, PrintStream out) {
        if (passed && !keep) {
            delete(workDir);
        } else {
            out.println(command + ": logs and data kept in " + workDir);
        }
    }

    /** @throws IllegalArgumentException with {@code message} (naming the option) when {@code ok} is false */
    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Pretty-printed JSON, creating the file's folder (a clean clone has no target/ at its root). */
    public static void write(Object report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Best effort: the folder is in the system's temporary directory. */
    public static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.out.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
