package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.judge.SecondOpinion;
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
        JudgedComment full = new JudgedComment(COMMENT, VERDICT);
        assertThat(roundTrip(full)).isEqualTo(full);
        Verdict clean = new Verdict("c-8", "a-3", Set.of(), null, Map.of(), List.of(), "v", null);
        JudgedComment bare = new JudgedComment(new Comment("c-8", "a-3", null, null, null, "", null), clean);
        assertThat(roundTrip(bare)).isEqualTo(bare);
        JudgedComment unjudged = new JudgedComment(COMMENT, null);
        assertThat(roundTrip(unjudged)).isEqualTo(unjudged);
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void aPendingSecondOpinionReadsBackWithItsArticleParentAndRecentThread() {
        Article article = new Article("a-3", "Ferry timetable", "Four crossings a day from November.",
                "https://example.com/a-3", Instant.parse("2025-02-01T00:00:00Z"), List.of("Travel", "Islands"));
        Comment parent = new Comment("c-2", "a-3", null, "Al", null, "Six was better", Instant.parse("2025-02-03T01:00:00Z"));
        Comment other = new Comment("c-5", "a-3", null, null, null, "Winter always hits us", null);
        for (SecondOpinion pending : List.of(new SecondOpinion(article, parent, List.of(other, parent), 0.37),
                new SecondOpinion(article, null, List.of(), 0.0))) {
            JudgedComment j = new JudgedComment(COMMENT, VERDICT, pending);
            assertThat(roundTrip(j)).isEqualTo(j);
            assertThat(roundTrip(j.withVerdict(null))).isEqualTo(j.withVerdict(null));
        }
    }

    @Test
    void withNothingPendingTheFormerFormatIsWrittenSoThatInstancesOfTheVersionBeforeReadIt() {
        byte[] bytes = serde.serializer().serialize("t", new JudgedComment(COMMENT, VERDICT));
        assertThat(bytes[0]).as("format version").isEqualTo((byte) 1);
        // Format 2 is format 1 with a "pending?" byte after the verdict, and what is pending.
        byte[] v2 = JudgedCommentSerde.BINARY.write(new JudgedComment(COMMENT, VERDICT));
        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(Arrays.copyOfRange(v2, 1, v2.length - 1)).isEqualTo(Arrays.copyOfRange(bytes, 1, bytes.length));
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(new JudgedComment(COMMENT, VERDICT));
        assertThat(serde.deserializer().deserialize("t", v2)).isEqualTo(new JudgedComment(COMMENT, VERDICT));

        Article article = new Article("a-3", "T", "B", null, null, List.of());
        byte[] pending = serde.serializer().serialize("t",
                new JudgedComment(COMMENT, VERDICT, new SecondOpinion(article, null, List.of(), 0.5)));
        assertThat(pending[0]).isEqualTo((byte) 2);
    }

    @Test
    void recordsAnEarlierVersionWroteAsJsonAreStillRead() {
        JudgedComment full = new JudgedComment(COMMENT, VERDICT);
        byte[] json = Json.write(full);
        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(full);
        assertThat(serde.serializer().serialize("t", full).length).isLessThan(json.length);
    }

    @Test
    void aValueCutShortIsRefusedNotMisread() {
        byte[] bytes = serde.serializer().serialize("t", new JudgedComment(COMMENT, VERDICT));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 4)))
                .isInstanceOf(CorruptStateException.class);
    }
}
