package dev.threadguard.launcher;

import dev.threadguard.launcher.faults.LogTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Threadguard service in its own JVM, as a container runs it: {@code Main <command>} configured only by
 * environment variables, on this test's classpath; its output goes to a log file.
 */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String command;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String command, Process process, Path log, int port) {
        this.command = command;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** @param port the service's HTTP port, also set in {@code env} under the service's *_PORT variable */
    static ServiceProcess start(String command, Map<String, String> env, int port, Path logDir) {
        return start(command, env, port, logDir, List.of());
    }

    /** @param jvmOptions given to its JVM after the heap bound */
    static ServiceProcess start(String command, Map<String, String> env, int port, Path logDir,
                                List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = logDir.resolve(command + ".log");
        List<String> commandLine = new ArrayList<>(List.of(java, "-Xmx384m"));
        commandLine.addAll(jvmOptions);
        commandLine.addAll(List.of("-cp", classpath, Main.class.getName(), command));
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only what the test gives: no KAFKA_* or DATABASE_* of the machine running the build.
        builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("DATABASE_")
                || k.startsWith("THREADGUARD_"));
        if (command.equals("moderation")) {
            // Rebalances and their reasons are at INFO: a failing test prints them (logTail).
            builder.environment().put("THREADGUARD_KAFKA_LOG_LEVEL", "INFO");
        }
        builder.environment().putAll(env);
        try {
            return new ServiceProcess(command, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    @Override
    public String toString() {
        return command + " on port " + port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** True when {@code GET /health} answers 200. */
    boolean healthy() {
        return health().startsWith("200 ");
    }

    /**
     * What {@code GET /health} answered: its status and body ({@code "503 {...}"}), or why there was no answer
     * ({@code "no answer: ..."}), for a failure message that says which service was down and why.
     *
     * @throws IllegalStateException when the process has exited (with its log)
     */
    String health() {
        if (!process.isAlive()) {
            throw new IllegalStateException(command + " exited with " + process.exitValue() + "; its log:\n" + logTail());
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no answer: interrupted";
        }
    }

    String logTail() {
        String telling = String.join("\n", LogTail.telling(log, 40));
        try {
            List<String> lines = Files.readAllLines(log);
            return "its telling lines:\n" + telling + "\nits last lines:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()} on Unix): the JVM ends at once, without its shutdown hooks, leaving
     * its group membership and any open transaction behind, as a crashed host would.
     *
     * @return its exit value (137 = 128 + SIGKILL)
     */
    int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(command + " (pid " + process.pid() + ") still runs 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command + " to die", e);
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as `docker stop` sends; killed if it has not ended within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
