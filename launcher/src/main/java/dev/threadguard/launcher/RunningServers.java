package dev.threadguard.launcher;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.embedded.DataFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded servers a running {@code up} or {@code servers} holds, found through their data folder's
 * {@code servers.env}: how a command run beside them ({@code users}) reaches the same PostgreSQL without being
 * told its address. The folder is locked by the process that runs the servers, so this never starts a server on
 * it; when nothing holds the folder, a {@code servers.env} there is left from a run that was killed.
 */
final class RunningServers {
    private RunningServers() {
    }

    /**
     * {@code env} itself when it names a database ({@code DATABASE_URL}); else {@code env} with the
     * {@code DATABASE_*} variables of the servers running on the data folder ({@link WorkDir#lasting}).
     *
     * @throws ConfigException when {@code DATABASE_URL} is unset and no running server on the data folder has a
     *                         database; the message says which folder and what to do
     */
    static Env withDatabase(Env env) {
        if (env.optional(Settings.DATABASE_URL.name()).isPresent()) {
            return env;
        }
        Path folder = WorkDir.lasting(env);
        Path file = folder.resolve("servers.env");
        String what = "DATABASE_URL is not set, and ";
        String todo = ": start `./threadguard up` (or `servers`) on it, or set DATABASE_URL (with DATABASE_USER "
                + "and DATABASE_PASSWORD) to the sink's database";
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(what + "nothing runs on the data folder " + folder + todo);
        }
        if (!inUse(folder)) {
            throw new ConfigException(what + "nothing runs on the data folder " + folder + " (its servers.env is "
                    + "left from a run that was stopped by force)" + todo);
        }
        Map<String, String> found = read(file);
        if (!found.containsKey(Settings.DATABASE_URL.name())) {
            throw new ConfigException(what + "the Threadguard running on " + folder + " uses a PostgreSQL of its "
                    + "own (its DATABASE_URL): set DATABASE_URL to that");
        }
        return env.with(found);
    }

    /** Whether a process holds the folder; holding it for an instant to find out, when nobody does. */
    private static boolean inUse(Path folder) {
        try (DataFolder ignored = DataFolder.lock(folder, "threadguard users (looking for servers)")) {
            return false;
        } catch (DataFolder.DataFolderInUseException e) {
            return true;
        }
    }

    /** {@code NAME='value'} lines as {@code EmbeddedServers} writes them (shell single quotes); comments skipped. */
    static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> vars = new HashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (line.isBlank() || line.startsWith("#") || eq < 1) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1).replace("'\\''", "'");
            }
            vars.put(line.substring(0, eq).strip(), value);
        }
        return vars;
    }
}
