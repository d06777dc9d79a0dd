package dev.threadguard.moderation.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class StackGuardTest {
    /** Recurses without end on a record whose value is "deep", processes the others. */
    private static final class Recursing implements Processor<String, String, String, String> {
        final List<String> processed = new ArrayList<>();

        @Override
        public void process(Record<String, String> record) {
            if (record.value().equals("deep")) {
                descend(0);
            }
            processed.add(record.key());
        }

        private static int descend(int depth) {
            return descend(depth + 1) + 1;
        }
    }

    @Test
    void aRecordThatExhaustsTheStackFailsWithAnExceptionTheHandlersSeeAndTheNextRecordIsProcessed() {
        Recursing inner = new Recursing();
        Processor<String, String, String, String> guarded = StackGuard.of(inner);

        assertThatThrownBy(() -> guarded.process(new Record<>("k1", "deep", 0L)))
                .isInstanceOf(StackGuard.StackExhaustedException.class)
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("k1").hasMessageContaining("dead-letter")
                .hasCauseInstanceOf(StackOverflowError.class);
        guarded.process(new Record<>("k2", "plain", 0L));

        assertThat(inner.processed).containsExactly("k2");
    }
}
