package dev.threadguard.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Comment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommentKeyTest {
    private static Comment comment(String id, String title, String body) {
        return new Comment(id, "a-1", null, "Ann", title, body, Instant.EPOCH);
    }

    @Test
    void theSameCommentReadAgainIsTheSameKey() {
        Comment first = comment("c-1", null, "The depot closes at " + 9 + " tonight.");
        Comment again = comment(new String("c-1"), null, new String("The depot closes at 9 tonight."));
        assertThat(CommentKey.of(again)).isEqualTo(CommentKey.of(first)).hasSameHashCodeAs(CommentKey.of(first));
    }

    @Test
    void anEditedResendUnderTheSameIdIsAnotherKeyEvenAtTheSameLength() {
        CommentKey original = CommentKey.of(comment("c-1", "T", "The depot closes at 9 tonight."));
        assertThat(CommentKey.of(comment("c-1", "T", "The depot closes at 8 tonight."))).isNotEqualTo(original);
        assertThat(CommentKey.of(comment("c-1", "U", "The depot closes at 9 tonight."))).isNotEqualTo(original);
        assertThat(CommentKey.of(comment("c-1", null, "The depot closes at 9 tonight."))).isNotEqualTo(original);
        assertThat(CommentKey.of(comment("c-2", "T", "The depot closes at 9 tonight."))).isNotEqualTo(original);
        assertThat(CommentKey.of(comment(null, "T", "The depot closes at 9 tonight.")))
                .isEqualTo(CommentKey.of(comment(null, "T", "The depot closes at 9 tonight.")));
    }
}
