package dev.threadguard.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** A JDK Flight Recorder recording of this process with the JDK's "profile" settings (execution samples every 10-20 ms). */
final class JfrSampler {
    private final Recording recording;
    private final Path file;

    private JfrSampler(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    static JfrSampler start(Path file) {
        try {
            Recording r = new Recording(Configuration.getConfiguration("profile"));
            r.setName("threadguard-bench");
            r.setMaxAge(Duration.ofMinutes(30));
            r.start();
            return new JfrSampler(r, file);
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot start a JFR recording: " + e.getMessage(), e);
        }
    }

    void stop() {
        try {
            recording.stop();
            recording.dump(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JFR recording to " + file, e);
        } finally {
            recording.close();
        }
    }
}
