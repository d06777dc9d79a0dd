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

class ExpectedRecoveryFilterTest {
    private static final String FORMAT = "stream-thread [t-1] Get exceptions for the following tasks: {}";
    private final LoggerContext context = new LoggerContext();
    private final Logger taskManager = context.getLogger("org.apache.kafka.streams.processor.internals.TaskManager");
    private final ExpectedRecoveryFilter filter = new ExpectedRecoveryFilter();

    @Test
    void dropsTheErrorWhenEveryTaskIsOnlyCorrupted() {
        TaskId task = new TaskId(1, 0);
        Object[] params = {Map.of(task, new TaskCorruptedException(Set.of(task)))};
        assertThat(filter.decide(null, taskManager, Level.ERROR, FORMAT, params, null)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsItWhenAnotherExceptionIsAmongThem() {
        TaskId a = new TaskId(1, 0);
        TaskId b = new TaskId(1, 1);
        Object[] params = {Map.of(a, new TaskCorruptedException(Set.of(a)), b, new IllegalStateException("disk full"))};
        assertThat(filter.decide(null, taskManager, Level.ERROR, FORMAT, params, null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void leavesOtherLinesAndLoggersAlone() {
        TaskId task = new TaskId(1, 0);
        Object[] params = {Map.of(task, new TaskCorruptedException(Set.of(task)))};
        assertThat(filter.decide(null, taskManager, Level.WARN, FORMAT, params, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger("other"), Level.ERROR, FORMAT, params, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, taskManager, Level.ERROR, "something else {}", params, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
