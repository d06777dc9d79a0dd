package dev.threadguard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static Comment comment(String id, String parent, String body) {
        return new Comment(id, "a-1", parent, "someone", null, body, null);
    }

    @Test
    void acceptsAMinimalComment() {
        assertThat(EventValidator.validate(comment("c-1", null, "hi"))).isEmpty();
    }

    @Test
    void rejectsABlankBodyAndASelfReply() {
        assertThat(EventValidator.validate(comment("c-1", "c-1", "  ")))
                .extracting(Violation::field).containsExactlyInAnyOrder("parentId", "body");
    }

    @Test
    void rejectsAnOverlongBodyNamingTheLimit() {
        List<Violation> v = EventValidator.validate(comment("c-1", null, "x".repeat(EventValidator.MAX_COMMENT_BODY_LENGTH + 1)));
        assertThat(v).singleElement().satisfies(x -> assertThat(x.message()).contains("at most 20000"));
    }

    @Test
    void rejectsAnArticleWithoutTitleAndABlankTag() {
        Article a = new Article("a-1", null, "body", null, null, List.of("ok", " "));
        assertThat(EventValidator.validate(a)).extracting(Violation::field).containsExactlyInAnyOrder("title", "tags[1]");
    }

    @Test
    void rejectsControlCharactersInIds() {
        assertThat(EventValidator.validate(comment("c\n1", null, "x"))).extracting(Violation::field).containsExactly("commentId");
    }

    @Test
    void rejectsNulCharactersInText() {
        assertThat(EventValidator.validate(comment("c-1", null, "a\u0000b"))).extracting(Violation::field).containsExactly("body");
    }
}
