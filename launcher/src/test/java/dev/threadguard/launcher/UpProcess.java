package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A real {@code threadguard up} in a JVM of its own (the launcher's {@code Main} on the test class path),
 * on free ports and a given data folder: what a user runs, so a test can stop it, kill -9 it and start
 * it again. Its console output goes to a file next to the test's reports.
 */
final class UpProcess implements AutoCloseable {
    /** The site key every up started by a test seeds (the shape keys create gives: tg_ and 43 characters). */
    static final String SITE_KEY = "tg_" + "k".repeat(43);
    /** The password of the user admin every up started by a test creates on its first start. */
    static final String ADMIN_PASSWORD = "up-process-admin-password";
    private static final Pattern INGEST = Pattern.compile("Ingest API\\s+(http://\\S+)");
    private static final Pattern SINK = Pattern.compile("Review queue, thread API\\s+(http://\\S+?)/?\\s*$", Pattern.MULTILINE);
    private static final Pattern KAFKA = Pattern.compile("Kafka \\(embedded, KRaft\\)\\s+(\\S+)");

    private final Process process;
    private final Path output;

    private UpProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code threadguard up} on {@code dataDir}; {@code name} names its output file. */
    static UpProcess start(Path dataDir, String name) {
        try {
            Path logs = Files.createDirectories(Path.of("target", "up-process"));
            Path output = logs.resolve(name + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", classPath,
                    Main.class.getName(), "up"))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            List.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "MODERATION_STATE_DIR").forEach(env::remove);
            env.put("THREADGUARD_DATA_DIR", dataDir.toString());
            // The key of the site default, seeded on the first start and known to the test.
            env.put("THREADGUARD_SITE_KEY", SITE_KEY);
            // The first admin, created on the first start and known to the test (nothing generated, nothing printed).
            env.put("THREADGUARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("EMBEDDED_KAFKA_PORT", "0");
            env.put("INGEST_PORT", "0");
            env.put("SINK_PORT", "0");
            env.put("MODERATION_PORT", "0");
            // Words only: the embedding model would only make each start slower, and no test here looks at it.
            env.put("OFF_TOPIC_EMBEDDINGS", "false");
            return new UpProcess(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until it prints that it is up; fails with its output when it exits first. */
    UpProcess awaitUp(Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("threadguard up exited (%s) before it was up:%n%s",
                    process.isAlive() ? "alive" : process.exitValue(), output()).isTrue();
            return output().contains("Ctrl-C stops it");
        });
        return this;
    }

    /** Waits until it exits by itself and gives its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("threadguard up did not exit within %s:%n%s", timeout, output()).isTrue();
        return process.exitValue();
    }

    String ingestUrl() {
        return find(INGEST);
    }

    String sinkUrl() {
        return find(SINK);
    }

    String bootstrapServers() {
        return find(KAFKA);
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook runs, nothing is closed or flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it; gives the exit code. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String find(Pattern pattern) {
        Matcher m = pattern.matcher(output());
        assertThat(m.find()).as("%s in the output of threadguard up:%n%s", pattern, output()).isTrue();
        return m.group(1);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
