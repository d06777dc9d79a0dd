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
 * the measured window: in this machine's runs of 30 November 2026 the compilers took 1.96 ms of CPU per comment words
 * only (a third of the process; 1.16 ms in the default configuration) and moderation, words only, ran at 278-343
 * comments/s; with the recording started with the JVM, 0.3 ms and 843 comments/s (docs/benchmarks.md, "The bench's own
 * profiler distorted the moderation stages").
 */
final class JfrSampler implements AutoCloseable {
    private final Recording recording;
    /** Why there is no recording, or null. */
    private final String unavailable;

    private JfrSampler(Recording recording, String unavailable) {
        this.recording = recording;
        this.unavailable = unavailable;
    }

    /** A running recording; without JFR (a JVM built without it, a settings file that cannot be read) none. */
    static JfrSampler start() {
        try {
            Recording r = new Recording(Configuration.getConfiguration("profile"));
            r.setName("threadguard-bench");
            r.setMaxAge(Duration.ofMinutes(30));
            r.start();
            return new JfrSampler(r, null);
        } catch (IOException | java.text.ParseException | RuntimeException | LinkageError e) {
            return new JfrSampler(null, "no JFR recording (" + e + "): the report has no profiles");
        }
    }

    /** Null when recording, else why not (for the run's output). */
    String unavailable() {
        return unavailable;
    }

    /**
     * Writes what the recording holds so far (up to its last 30 minutes) to {@code file}; the recording goes on.
     *
     * @return false when there is no recording (nothing written)
     */
    boolean dump(Path file) {
        if (recording == null) {
            return false;
        }
        try {
            recording.dump(file);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JFR recording to " + file, e);
        }
    }

    @Override
    public void close() {
        if (recording != null) {
            recording.close();
        }
    }
}
