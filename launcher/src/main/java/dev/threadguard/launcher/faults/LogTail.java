package dev.threadguard.launcher.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines of a service's log that say why it did not recover, for a failed run's output (the fault harness, and the
 * tests that run services as processes): CI keeps only the tail of a command's output, not the work folder, so what
 * the logs say must be printed.
 */
public final class LogTail {
    /** How {@link ServiceProcess} marks each start of a service in its log. */
    static final String START_MARKER = "==== harness";
    /**
     * Warnings, errors, uncaught exceptions and their causes, the harness's start markers, the command's own one-line
     * failure, and (with the Kafka loggers at INFO, as the harness runs moderation) Streams' state transitions, the
     * reason of every rejoin, fencings (not the "isFenced: false" of every coordinator discovery) and corrupted tasks.
     */
    static final Pattern TELLING = Pattern.compile("WARN |ERROR |" + START_MARKER + "|^threadguard |State transition from"
            + "|^[\\w.$]+(Exception|Error)\\b|^Caused by: "
            + "|Request joining group due to|[Ff]enced(?!: (true|false))|[Cc]orrupted|Transaction.*(abort|timed out)");
    private static final Pattern NOISE = Pattern.compile("Unable to assign \\d+ of \\d+ standby tasks");
    private static final int MAX_LINE = 300;

    private LogTail() {
    }

    /**
     * The last {@code n} lines of {@code log} that match {@link #TELLING}, each cut to 300 characters; the repeated
     * standby-placement warning of a single instance left out. Empty when the file cannot be read.
     */
    public static List<String> telling(Path log, int n) {
        Deque<String> last = new ArrayDeque<>(n);
        // Decoded leniently: a log cut mid-character by a kill -9 must not hide the rest.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (TELLING.matcher(line).find() && !NOISE.matcher(line).find()) {
                    if (last.size() == n) {
                        last.removeFirst();
                    }
                    last.addLast(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " ..." : line);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(last);
    }
}
