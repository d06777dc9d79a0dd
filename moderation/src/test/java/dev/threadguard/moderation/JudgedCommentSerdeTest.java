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
    void aRecordOfFormatVersionOneEndsWithItsVerdictAndHasNoSecondOpinion() {
        byte[] v2 = serde.serializer().serialize("t", new JudgedComment(COMMENT, VERDICT));
        // Version 1 was version 2 without the trailing "no second opinion" byte.
        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(v2[v2.length - 1]).isZero();
        byte[] v1 = Arrays.copyOf(v2, v2.length - 1);
        v1[0] = 1;
        assertThat(serde.deserializer().deserialize("t", v1)).isEqualTo(new JudgedComment(COMMENT, VERDICT));
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
