package dev.threadguard.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsADatasetCommentLineWithOrWithoutItsType() {
        String line = "{\"type\":\"comment\",\"commentId\":\"c-1\",\"articleId\":\"a-17\",\"parentId\":null,"
                + "\"author\":\"Sean\",\"title\":\"Where?\",\"body\":\"Hello there\",\"postedAt\":\"2013-12-17T10:02:00Z\"}";
        Comment typed = Json.read(line, Comment.class);
        Comment untyped = Json.read(line.replace("\"type\":\"comment\",", ""), Comment.class);

        assertThat(typed).isEqualTo(untyped);
        assertThat(typed.postedAt()).isEqualTo(Instant.parse("2013-12-17T10:02:00Z"));
        assertThat(Json.read(line, Event.class)).isEqualTo(typed);
    }

    @Test
    void aFinalVerdictLeavesAwaitingOutAndAProvisionalOneNamesWhatItAwaits() {
        Verdict last = new Verdict("c-1", "a-1", Set.of(Flag.SUPPORT_REQUEST), null, Map.of("offTopic", 0.2),
                List.of("support request: asks for help"), "v", Instant.parse("2026-11-30T10:00:00Z"));
        String json = Json.writeString(last);
        assertThat(json).doesNotContain("awaiting");
        assertThat(Json.read(json, Verdict.class)).isEqualTo(last);
        assertThat(Json.read(json, Verdict.class).provisional()).isFalse();

        Verdict first = last.awaiting(Set.of(Flag.OFF_TOPIC));
        String provisional = Json.writeString(first);
        assertThat(provisional).contains("\"awaiting\":[\"OFF_TOPIC\"]");
        assertThat(Json.read(provisional, Verdict.class)).isEqualTo(first);
        assertThat(Json.read(provisional, Verdict.class).provisional()).isTrue();
    }

    @Test
    void writesTheTypeSoAFileLineCanBeReplayed() {
        Article a = new Article("a-1", "Title", "Body", null, null, List.of("Cloud"));
        String json = Json.writeString(a);

        assertThat(json).contains("\"type\":\"article\"");
        assertThat(Json.read(json, Event.class)).isEqualTo(a);
    }

    @Test
    void namesEveryMissingField() {
        assertThatThrownBy(() -> Json.read("{\"commentId\":\"c-1\"}", Comment.class))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactlyInAnyOrder("articleId", "body"));
    }

    @Test
    void namesTheFieldOfAWrongType() {
        assertThatThrownBy(() -> Json.read(
                "{\"commentId\":\"c-1\",\"articleId\":\"a\",\"body\":\"x\",\"postedAt\":\"yesterday\"}", Comment.class))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("postedAt"));
    }

    @Test
    void rejectsSomethingThatIsNotJson() {
        assertThatThrownBy(() -> Json.read("not json", Comment.class))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.violations().get(0).message()).startsWith("not valid JSON"));
    }

    @Test
    void rejectsAnArticleGivenWhereACommentIsExpected() {
        assertThatThrownBy(() -> Json.read("{\"type\":\"article\",\"articleId\":\"a\",\"title\":\"t\",\"body\":\"b\"}",
                Comment.class)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void verdictRoundTripsThroughTheSerde() {
        Verdict v = new Verdict("c-2", "a-17", Set.of(Flag.DUPLICATE), "c-1", Map.of("duplicate", 1.0),
                List.of("same text as c-1"), "test-1", Instant.parse("2020-01-01T00:00:00Z"));
        ModeratedComment m = new ModeratedComment(
                new Comment("c-2", "a-17", null, "Sean", null, "text", Instant.EPOCH), v);
        JsonSerde<ModeratedComment> serde = JsonSerde.of(ModeratedComment.class);

        byte[] bytes = serde.serializer().serialize("t", m);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(m);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).contains("\"flags\":[\"DUPLICATE\"]");
    }
}
