package dev.threadguard.ingest.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Comment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResendMemoryTest {
    private static Comment comment(String id, String body) {
        return new Comment(id, "a-1", null, "Ada", null, body, null);
    }

    @Test
    void anIdenticalResendOfACommittedCommentIsNotPublishedAgain() {
        ResendMemory memory = new ResendMemory(100, Duration.ofHours(1));
        memory.claim(List.of(comment("c-1", "hi"))).committed();

        ResendMemory.Claim again = memory.claim(List.of(comment("c-1", "hi"), comment("c-2", "new")));

        assertThat(again.toPublish()).extracting(Comment::commentId).containsExactly("c-2");
        assertThat(again.repeated()).containsExactly("c-1");
    }

    @Test
    void aResendWithOtherContentIsAConflictAndReservesNothing() {
        ResendMemory memory = new ResendMemory(100, Duration.ofHours(1));
        memory.claim(List.of(comment("c-1", "hi"))).committed();

        assertThatThrownBy(() -> memory.claim(List.of(comment("c-2", "new"), comment("c-1", "edited"))))
                .isInstanceOfSatisfying(ResendMemory.ConflictException.class, e -> assertThat(e.conflicts())
                        .containsExactly(new ResendMemory.Conflict(1, "c-1")));
        // c-2 was not kept reserved by the refused request: it may be sent with any content.
        assertThat(memory.claim(List.of(comment("c-2", "other"))).toPublish()).hasSize(1);
    }

    @Test
    void aFailedPublicationIsForgotten() {
        ResendMemory memory = new ResendMemory(100, Duration.ofHours(1));
        memory.claim(List.of(comment("c-1", "hi"))).released();

        assertThat(memory.claim(List.of(comment("c-1", "changed"))).toPublish()).hasSize(1);
    }

    @Test
    void anIdenticalResendWhileTheFirstIsInFlightIsPublishedToo() {
        ResendMemory memory = new ResendMemory(100, Duration.ofHours(1));
        memory.claim(List.of(comment("c-1", "hi")));

        assertThat(memory.claim(List.of(comment("c-1", "hi"))).toPublish()).hasSize(1);
    }

    @Test
    void postedAtIsNotPartOfTheContent() {
        Comment first = comment("c-1", "hi").withPostedAt(java.time.Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(SubmissionContent.of(first)).isEqualTo(SubmissionContent.of(comment("c-1", "hi")));
        assertThat(SubmissionContent.of(new Comment("c-1", "a-1", null, "ab", null, "x", null)))
                .isNotEqualTo(SubmissionContent.of(new Comment("c-1", "a-1", null, "a", "b", "x", null)));
    }
}
