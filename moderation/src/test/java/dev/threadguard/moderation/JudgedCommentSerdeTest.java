package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.state.CorruptStateException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JudgedCommentSerdeTest {
    private static final Comment COMMENT = new Comment("c-7", "a-3", "c-2", "Bea", null,
            "Same words as before — \"quoted\" and 雲", Instant.parse("2025-02-03T04:05:06.789Z"), "site-b");
    private static final Verdict VERDICT = new Verdict("c-7", "a-3", Set.of(Flag.DUPLICATE, Flag.SUPPORT_REQUEST),
            "c-1", Map.of("duplicate", 0.97, "offTopic", 0.125, "supportRequest", 0.61),
            List.of("repeats c-1 posted earlier", "asks for help"), "2026.11-6", Instant.parse("2025-02-03T04:05:07Z"));
    private final JudgedCommentSerde serde = new JudgedCommentSerde();

    private JudgedComment roundTrip(JudgedComment j) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", j));
    }

    @Test
    void aJudgedCommentReadsBackAsItWasWritten() {
        JudgedComment full = new JudgedComment(COMMENT, VERDICT, "example.com/story");
        assertThat(roundTrip(full)).isEqualTo(full);
        Verdict clean = new Verdict("c-8", "a-3", Set.of(), null, Map.of(), List.of(), "v", null);
        JudgedComment bare = new JudgedComment(new Comment("c-8", "a-3", null, null, null, "", null), clean, null);
        assertThat(roundTrip(bare)).isEqualTo(bare);
        JudgedComment unjudged = new JudgedComment(COMMENT, null, null);
        assertThat(roundTrip(unjudged)).isEqualTo(unjudged);
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void recordsAnEarlierVersionWroteAsJsonAreStillRead() {
        JudgedComment full = new JudgedComment(COMMENT, VERDICT, "example.com/story");
        byte[] json = Json.write(full);
        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(full);
        assertThat(serde.serializer().serialize("t", full).length).isLessThan(json.length);
    }

    @Test
    void aValueCutShortIsRefusedNotMisread() {
        byte[] bytes = serde.serializer().serialize("t", new JudgedComment(COMMENT, VERDICT, null));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 4)))
                .isInstanceOf(CorruptStateException.class);
    }
}
