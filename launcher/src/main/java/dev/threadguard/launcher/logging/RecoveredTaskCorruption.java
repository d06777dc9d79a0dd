package dev.threadguard.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.slf4j.Marker;

/**
 * Keeps Kafka Streams' recovery from an unclean stop out of the console. After a kill -9, exactly-once
 * Streams finds its stores without a checkpoint, declares the tasks corrupted, wipes them and restores
 * them from their changelogs: the designed recovery, which it reports as one ERROR with a stack trace
 * and several WARN lines that a reader takes for a failure. Those lines are shown only when the Kafka
 * Streams loggers are set to DEBUG; every other message passes unchanged.
 */
public final class RecoveredTaskCorruption extends TurboFilter {
    private static final String STREAMS_INTERNALS = "org.apache.kafka.streams.processor.internals.";
    private static final List<String> RECOVERY_MESSAGES = List.of(
            "did not find checkpoint offsets while stores are not empty",
            "Encounter corrupted task",
            "Detected the states of tasks");

    private static final String TASK_EXCEPTIONS = "Get exceptions for the following tasks";
    private static final String CORRUPTED = TaskCorruptedException.class.getName() + ": ";

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger == null
                || !logger.getName().startsWith(STREAMS_INTERNALS)) {
            return FilterReply.NEUTRAL;
        }
        if (logger.isDebugEnabled()) {
            return FilterReply.NEUTRAL;
        }
        return isRecovery(format, params, t) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean isRecovery(String format, Object[] params, Throwable t) {
        if (t != null) {
            return t instanceof TaskCorruptedException;
        }
        if (format != null && RECOVERY_MESSAGES.stream().anyMatch(format::contains)) {
            return true;
        }
        // Kafka's LogContext formats the message itself (no params reach the filter): "Get exceptions for the
        // following tasks: {1_1=org.apache.kafka.streams.errors.TaskCorruptedException: Tasks [1_1] are ...}".
        if (format != null && format.contains(TASK_EXCEPTIONS) && (params == null || params.length == 0)) {
            return count(format, "Exception: ") > 0 && count(format, "Exception: ") == count(format, CORRUPTED);
        }
        if (params == null || params.length == 0) {
            return false;
        }
        boolean sawException = false;
        for (Object p : params) {
            if (p instanceof Throwable e) {
                if (!(e instanceof TaskCorruptedException)) {
                    return false;
                }
                sawException = true;
            } else if (p instanceof Map<?, ?> byTask && !byTask.isEmpty()
                    && byTask.values().stream().allMatch(Throwable.class::isInstance)) {
                // "Get exceptions for the following tasks: {}": a map of task to exception.
                if (!byTask.values().stream().allMatch(TaskCorruptedException.class::isInstance)) {
                    return false;
                }
                sawException = true;
            }
        }
        return sawException;
    }
}
