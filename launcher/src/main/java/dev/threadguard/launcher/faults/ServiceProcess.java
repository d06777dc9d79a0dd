package dev.threadguard.launcher.faults;

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
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One service (ingest, moderation or sink) as a child JVM started from this JVM's class path, as
 * {@code java -cp ... dev.threadguard.launcher.Main SERVICE}. It keeps its port and environment (so
 * its state folder and group instance id) across restarts; its output is appended to a log file.
 */
public final class ServiceProcess implements AutoCloseable {
    /** How a restart ends the running process. */
    public enum Stop { KILL, TERM }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String service;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private final List<String> jvmOptions;
    private final Path script; // null: java on this JVM's class path
    private final java.util.concurrent.locks.ReentrantLock restarting = new java.util.concurrent.locks.ReentrantLock();
    private Process process; // guarded by this
    private long startedNanos; // guarded by this

    public ServiceProcess(String service, int port, Map<String, String> env, Path log, List<String> jvmOptions) {
        this(service, port, env, log, jvmOptions, null);
    }

    /**
     * A service started as an operator starts it, {@code SCRIPT SERVICE} (the {@code threadguard} launcher script,
     * which sets the command's heap and memory settings); {@code jvmOptions} go to it in
     * {@code THREADGUARD_JAVA_OPTS}. The script ends in {@code exec java}, so the process id is the JVM's.
     */
    public ServiceProcess(String service, int port, Map<String, String> env, Path log, List<String> jvmOptions,
            Path script) {
        this.script = script;
        this.service = service;
        this.port = port;
        this.env = Map.copyOf(env);
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public String service() {
        return service;
    }

    public int port() {
        return port;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public synchronized void start() {
        List<String> command = new ArrayList<>();
        if (script != null) {
            command.add(script.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("dev.threadguard.launcher.Main");
        }
        command.add(service);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        if (script != null && !jvmOptions.isEmpty()) {
            builder.environment().put("THREADGUARD_JAVA_OPTS", String.join(" ", jvmOptions));
        }
        try {
            Files.writeString(log, "\n" + LogTail.START_MARKER + ": starting " + service + " at "
                    + java.time.Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
            startedNanos = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    /** Ends the process (SIGKILL or SIGTERM) and waits until it is gone. */
    public void stop(Stop how) {
        Process p;
        synchronized (this) {
            p = process;
            process = null;
        }
        if (p == null) {
            return;
        }
        if (how == Stop.KILL) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process as {@code how} says and starts a new one; a crash watcher waits meanwhile. */
    void restart(Stop how) {
        restarting.lock();
        try {
            stop(how);
            start();
        } finally {
            restarting.unlock();
        }
    }

    /**
     * Starts the service again if its process ended by itself, as an orchestrator would.
     *
     * @return the exit code of the process that ended, or empty when it is running or being restarted
     */
    java.util.OptionalInt restartIfEnded() {
        if (!restarting.tryLock()) {
            return java.util.OptionalInt.empty();
        }
        try {
            Process p;
            synchronized (this) {
                p = process;
            }
            if (p == null || p.isAlive()) {
                return java.util.OptionalInt.empty();
            }
            int exit = p.exitValue();
            start();
            return java.util.OptionalInt.of(exit);
        } finally {
            restarting.unlock();
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The operating system's process id while running. */
    public synchronized OptionalLong pid() {
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    synchronized long startedNanos() {
        return startedNanos;
    }

    /** GET /health; the status code, or -1 when nothing answered. */
    int health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(url("/health")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Polls /health every 100 ms until it answers 200.
     *
     * @return seconds from the process start to the first 200, or -1 when {@code timeout} passed or the process died
     */
    public double awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (health() == 200) {
                return (System.nanoTime() - startedNanos()) / 1e9;
            }
            if (!alive()) {
                return -1;
            }
            Pause.millis(100);
        }
        return -1;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop(Stop.TERM);
    }
}
