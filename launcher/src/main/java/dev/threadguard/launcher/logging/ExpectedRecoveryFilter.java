package dev.threadguard.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.slf4j.Marker;

/**
 * Drops one ERROR line of Kafka Streams that is expected recovery, not a failure: after a crash under
 * exactly-once, the tasks whose state has no checkpoint are "corrupted" and rebuilt from their
 * changelogs, and Streams' TaskManager reports that at ERROR ("Get exceptions for the following tasks")
 * although it then recovers by itself. The WARN lines around it ("Detected the states of tasks ... are
 * corrupted. Will close the task as dirty and re-create and bootstrap from scratch") still say what
 * happened. Any other exception in that line keeps it at ERROR.
 */
public final class ExpectedRecoveryFilter extends TurboFilter {
    private static final String TASK_MANAGER = "org.apache.kafka.streams.processor.internals.TaskManager";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.ERROR || logger == null || !TASK_MANAGER.equals(logger.getName()) || format == null
                || !format.contains("Get exceptions for the following tasks") || params == null || params.length != 1
                || !(params[0] instanceof Map<?, ?> exceptions) || exceptions.isEmpty()) {
            return FilterReply.NEUTRAL;
        }
        boolean onlyCorruption = exceptions.values().stream().allMatch(TaskCorruptedException.class::isInstance);
        return onlyCorruption ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
