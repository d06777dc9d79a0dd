package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a run keeps the embedded servers' data and the Streams state. {@code up} and {@code servers} use
 * a lasting folder, so a restart picks up where the last run stopped; {@code demo} a temporary one it
 * removes when it ends.
 */
final class WorkDir {
    private WorkDir() {
    }

    /**
     * THREADGUARD_DATA_DIR; else {@code $XDG_DATA_HOME/threadguard} (XDG base directories: an absolute
     * XDG_DATA_HOME only); else {@code ~/.local/share/threadguard}.
     */
    static Path lasting(Env env) {
        return Settings.THREADGUARD_DATA_DIR.read(env).map(Path::of)
                .or(() -> Settings.XDG_DATA_HOME.read(env).map(Path::of).filter(Path::isAbsolute)
                        .map(p -> p.resolve("threadguard")))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".local", "share", "threadguard"))
                .toAbsolutePath().normalize();
    }

    /** A new temporary folder; {@link #delete} removes it. */
    static Path temporary() {
        try {
            return Files.createTempDirectory("threadguard-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    /** Removes a folder and everything in it, as far as it can: what is left the OS cleans up in time. */
    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(WorkDir.class).debug("could not remove all of {}", folder, e);
        }
    }
}
