package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a run keeps the embedded servers' data: THREADGUARD_DATA_DIR, or a fresh temporary folder. */
final class WorkDir {
    private WorkDir() {
    }

    static Path of(Env env) {
        try {
            return env.optional("THREADGUARD_DATA_DIR").map(Path::of).orElse(Files.createTempDirectory("threadguard-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory", e);
        }
    }
}
