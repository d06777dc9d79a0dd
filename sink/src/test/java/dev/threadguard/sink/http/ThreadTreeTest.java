package dev.threadguard.sink.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.sink.Samples;
import dev.threadguard.sink.store.StoredComment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadTreeTest {
    private static StoredComment c(String id, String parentId, int minute) {
        return new StoredComment(id, "a-1", parentId, "author", null, "text " + id,
                Samples.T0.plusSeconds(60L * minute), List.of(), null, Map.of(), List.of(), "v1", null);
    }

    /** The tree as "id(children...)" so whole shapes compare at once. */
    private static String shape(List<CommentNode> nodes) {
        List<String> parts = new ArrayList<>();
        for (CommentNode n : nodes) {
            parts.add(n.replies().isEmpty() ? n.commentId() : n.commentId() + "(" + shape(n.replies()) + ")");
        }
        return String.join(" ", parts);
    }

    @Test
    void repliesNestUnderTheirParentsInPostingOrder() {
        List<StoredComment> thread = List.of(c("c-1", null, 1), c("c-2", "c-1", 2), c("c-3", null, 3),
                c("c-4", "c-2", 4), c("c-5", "c-1", 5));

        assertThat(shape(ThreadTree.build(thread))).isEqualTo("c-1(c-2(c-4) c-5) c-3");
    }

    @Test
    void aCommentWithAnUnknownParentIsShownAtTopLevelKeepingItsParentId() {
        List<CommentNode> roots = ThreadTree.build(List.of(c("c-1", null, 1), c("c-2", "gone", 2)));

        assertThat(shape(roots)).isEqualTo("c-1 c-2");
        assertThat(roots.get(1).parentId()).isEqualTo("gone");
    }

    @Test
    void aReplyCycleIsBrokenSoEveryCommentIsShownOnce() {
        List<StoredComment> thread = List.of(c("c-1", null, 1), c("c-2", "c-3", 2), c("c-3", "c-2", 3));

        assertThat(shape(ThreadTree.build(thread))).isEqualTo("c-1 c-2(c-3)");
    }

    private static StoredComment withStatus(String id, String parentId, int minute, String status) {
        return new StoredComment(id, "a-1", parentId, "author", null, "text " + id,
                Samples.T0.plusSeconds(60L * minute), List.of("DUPLICATE"), "c-0", Map.of("duplicate", 1.0),
                List.of("same text"), "v2", null, List.of("OFF_TOPIC"), status, List.of("DUPLICATE"), List.of(),
                List.of(), "why");
    }

    @Test
    void nodesCarryTheVerdictAndStatusInTheModeratorView() {
        StoredComment flagged = new StoredComment("c-1", "a-1", null, "al", "t", "b", Samples.T0,
                List.of("DUPLICATE"), "c-0", Map.of("duplicate", 1.0), List.of("same text"), "v2", Samples.T0,
                List.of("OFF_TOPIC"), "HELD", List.of("DUPLICATE"), List.of(), List.of(), null);

        CommentNode node = ThreadTree.build(List.of(flagged)).get(0);

        assertThat(node).isEqualTo(new CommentNode("c-1", null, "al", "t", "b", Samples.T0, List.of("DUPLICATE"), "c-0",
                Map.of("duplicate", 1.0), List.of("same text"), "v2", List.of("OFF_TOPIC"), "HELD",
                List.of("DUPLICATE"), List.of(), List.of(), null, List.of()));
        assertThat(ThreadTree.build(List.of())).isEmpty();
    }

    @Test
    void thePublicViewShowsPublishedAndApprovedCommentsWithoutModerationData() {
        List<StoredComment> thread = List.of(withStatus("c-1", null, 1, "PUBLISHED"),
                withStatus("c-2", "c-1", 2, "HELD"), withStatus("c-3", "c-2", 3, "APPROVED"),
                withStatus("c-4", null, 4, "REJECTED"));

        List<CommentNode> roots = ThreadTree.build(thread, ThreadTree.View.PUBLIC);

        // The reply to a held comment is still shown, at the top level, its parentId kept.
        assertThat(shape(roots)).isEqualTo("c-1 c-3");
        assertThat(roots.get(1).parentId()).isEqualTo("c-2");
        assertThat(roots.get(0).flags()).isNull();
        assertThat(roots.get(0).status()).isNull();
        assertThat(roots.get(0).awaiting()).isNull();
        assertThat(roots.get(0).decisionReason()).isNull();
        assertThat(shape(ThreadTree.build(thread, ThreadTree.View.MODERATOR))).isEqualTo("c-1(c-2(c-3)) c-4");
    }
}
