package dev.threadguard.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class RecoveredTaskCorruptionTest {
    private final LoggerContext context = new LoggerContext();
    private final RecoveredTaskCorruption filter = new RecoveredTaskCorruption();
    private final Logger taskManager = logger("org.apache.kafka.streams.processor.internals.TaskManager", Level.INFO);
    private final TaskCorruptedException corrupted = new TaskCorruptedException(Set.of(new TaskId(1, 1)));

    private Logger logger(String name, Level level) {
        Logger logger = context.getLogger(name);
        logger.setLevel(level);
        return logger;
    }

    @Test
    void streamsRecoveryFromAnUncleanStopIsKeptOffTheConsole() {
        assertThat(filter.decide(null, taskManager, Level.ERROR, "Get exceptions for the following tasks: {}",
                new Object[] {Map.of(new TaskId(1, 1), corrupted)}, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, taskManager, Level.WARN, "Encounter corrupted task {}, will group it",
                new Object[] {new TaskId(1, 1), corrupted}, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, logger("org.apache.kafka.streams.processor.internals.ProcessorStateManager",
                Level.INFO), Level.WARN, "State store {} did not find checkpoint offsets while stores are not empty, "
                        + "since under EOS", new Object[] {"moderation-held"}, null)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void everyOtherProblemStillShows() {
        RuntimeException real = new IllegalStateException("disk full");
        assertThat(filter.decide(null, taskManager, Level.ERROR, "Get exceptions for the following tasks: {}",
                new Object[] {Map.of(new TaskId(1, 1), real)}, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, taskManager, Level.ERROR, "failed", null, real)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, logger("dev.threadguard.moderation.ModerationService", Level.INFO), Level.WARN,
                "Encounter corrupted task {}", new Object[] {corrupted}, null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theLineKafkaFormatsItselfIsRecognisedToo() {
        // Kafka's LogContext hands the filter the formatted message and no parameters.
        String formatted = "stream-thread [t-1] Get exceptions for the following tasks: {1_1=" + corrupted + ", 1_0="
                + new TaskCorruptedException(Set.of(new TaskId(1, 0))) + "}";
        assertThat(filter.decide(null, taskManager, Level.ERROR, formatted, null, null)).isEqualTo(FilterReply.DENY);
        String mixed = "stream-thread [t-1] Get exceptions for the following tasks: {1_1=" + corrupted + ", 1_0="
                + new IllegalStateException("disk full") + "}";
        assertThat(filter.decide(null, taskManager, Level.ERROR, mixed, null, null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void withStreamsAtDebugTheRecoveryShows() {
        taskManager.setLevel(Level.DEBUG);
        assertThat(filter.decide(null, taskManager, Level.WARN, "Encounter corrupted task {}",
                new Object[] {corrupted}, null)).isEqualTo(FilterReply.NEUTRAL);
    }
}
