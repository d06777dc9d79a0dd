package dev.threadguard.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * One JDK Flight Recorder recording of this process with the JDK's "profile" settings (execution samples every
 * 10-20 ms), started once before anything is measured and kept running to the end; each stage {@link #dump}s what it
 * has so far and reads its own threads' samples from it ({@link JfrSummary}, by thread name).
 *
 * <p>Why not a recording per stage: starting a recording changes which JDK classes JFR instruments (its file and
 * socket events), and the JVM throws away the compiled code that depends on a re-instrumented class. Started at the
 * beginning of a moderation stage, it made the JIT compilers recompile the broker's and the topology's hot code during
 * the measured window: in this machine's runs of 30 November 2026 the compilers took 1.2-2.0 ms of CPU per comment
 * (a third of the process) and moderation, words only, ran at 278-343 comments/s; with the recording started with the
 * JVM, 0.3 ms and 843 comments/s (docs/benchmarks.md, "The bench's own profiler").
 */
final class JfrSampler implements AutoCloseable {
    private final Recording recording;

    private JfrSampler(Recording recording) {
        this.recording = recording;
    }

    static JfrSampler start() {
        try {
            Recording r = new Recording(Configuration.getConfiguration("profile"));
            r.setName("threadguard-bench");
            r.setMaxAge(Duration.ofMinutes(30));
            r.start();
            return new JfrSampler(r);
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot start a JFR recording: " + e.getMessage(), e);
        }
    }

    /** Writes what the recording holds so far (up to its last 30 minutes) to {@code file}; the recording goes on. */
    void dump(Path file) {
        try {
            recording.dump(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JFR recording to " + file, e);
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
