package dev.threadguard.sink.http;

import dev.threadguard.sink.policy.CommentStatus;
import dev.threadguard.sink.store.StoredComment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the reply tree of one thread from its comments. */
public final class ThreadTree {
    private ThreadTree() {
    }

    /** Who looks at the thread: readers see published and approved comments, without moderation data. */
    public enum View {
        PUBLIC,
        MODERATOR
    }

    /** The moderator view. */
    public static List<CommentNode> build(List<StoredComment> comments) {
        return build(comments, View.MODERATOR);
    }

    /**
     * @param comments the thread's comments, in display order (oldest first); replies keep that order
     * @return the top-level comments. A comment whose parent is not among {@code comments} (not stored
     *     yet, or in another thread) is shown at the top level with its parentId kept, so no comment
     *     is hidden; so is a comment caught in a reply cycle, which broken input could produce. In the
     *     public view, a reply to a held or rejected comment is therefore shown at the top level.
     */
    public static List<CommentNode> build(List<StoredComment> comments, View view) {
        Map<String, StoredComment> byId = new LinkedHashMap<>();
        for (StoredComment c : visible(comments, view)) {
            byId.putIfAbsent(c.commentId(), c);
        }
        Map<String, List<StoredComment>> children = new HashMap<>();
        List<StoredComment> roots = new ArrayList<>();
        for (StoredComment c : byId.values()) {
            if (c.parentId() == null || !byId.containsKey(c.parentId())) {
                roots.add(c);
            } else {
                children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            }
        }
        Set<String> placed = new HashSet<>();
        List<CommentNode> out = new ArrayList<>();
        for (StoredComment root : roots) {
            out.add(node(root, children, placed, view));
        }
        // Whatever is left hangs in a cycle (a -> b -> a): break it at its oldest comment.
        for (StoredComment c : byId.values()) {
            if (!placed.contains(c.commentId())) {
                out.add(node(c, children, placed, view));
            }
        }
        if (out.size() > roots.size()) {
            Map<String, Integer> position = new HashMap<>();
            for (String id : byId.keySet()) {
                position.put(id, position.size());
            }
            out.sort(Comparator.comparing(n -> position.get(n.commentId())));
        }
        return out;
    }

    /** The comments this view shows. */
    public static List<StoredComment> visible(List<StoredComment> comments, View view) {
        if (view == View.MODERATOR) {
            return comments;
        }
        return comments.stream().filter(c -> CommentStatus.valueOf(c.status()).visibleToReaders()).toList();
    }

    private static CommentNode node(StoredComment c, Map<String, List<StoredComment>> children, Set<String> placed,
            View view) {
        placed.add(c.commentId());
        List<CommentNode> replies = new ArrayList<>();
        for (StoredComment child : children.getOrDefault(c.commentId(), List.of())) {
            if (!placed.contains(child.commentId())) {
                replies.add(node(child, children, placed, view));
            }
        }
        if (view == View.PUBLIC) {
            return new CommentNode(c.commentId(), c.parentId(), c.author(), c.title(), c.body(), c.postedAt(),
                    null, null, null, null, null, null, null, null, null, null, null, replies);
        }
        return new CommentNode(c.commentId(), c.parentId(), c.author(), c.title(), c.body(), c.postedAt(),
                c.flags(), c.duplicateOf(), c.scores(), c.reasons(), c.detectorVersion(), c.awaiting(), c.status(),
                c.queueFlags(), c.teams(), c.dismissedFlags(), c.decisionReason(), replies);
    }
}
