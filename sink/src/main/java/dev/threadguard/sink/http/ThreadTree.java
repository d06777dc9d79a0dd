package dev.threadguard.sink.http;

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

    /**
     * @param comments the thread's comments, in display order (oldest first); replies keep that order
     * @return the top-level comments. A comment whose parent is not among {@code comments} (not stored
     *     yet, or in another thread) is shown at the top level with its parentId kept, so no comment
     *     is hidden; so is a comment caught in a reply cycle, which broken input could produce.
     */
    public static List<CommentNode> build(List<StoredComment> comments) {
        Map<String, StoredComment> byId = new LinkedHashMap<>();
        for (StoredComment c : comments) {
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
            out.add(node(root, children, placed));
        }
        // Whatever is left hangs in a cycle (a -> b -> a): break it at its oldest comment.
        for (StoredComment c : byId.values()) {
            if (!placed.contains(c.commentId())) {
                out.add(node(c, children, placed));
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

    private static CommentNode node(StoredComment c, Map<String, List<StoredComment>> children, Set<String> placed) {
        placed.add(c.commentId());
        List<CommentNode> replies = new ArrayList<>();
        for (StoredComment child : children.getOrDefault(c.commentId(), List.of())) {
            if (!placed.contains(child.commentId())) {
                replies.add(node(child, children, placed));
            }
        }
        return new CommentNode(c.commentId(), c.parentId(), c.author(), c.title(), c.body(), c.postedAt(),
                c.flags(), c.duplicateOf(), c.scores(), c.reasons(), c.detectorVersion(), replies);
    }
}
