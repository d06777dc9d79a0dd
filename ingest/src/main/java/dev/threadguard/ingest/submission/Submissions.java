package dev.threadguard.ingest.submission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.InvalidEventException;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.TimeRange;
import dev.threadguard.contract.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns request bodies into validated events. Pure logic: no HTTP, no Kafka. Every method either
 * returns events that pass the contract's validation or throws {@link InvalidEventException} naming
 * every field at fault. Every instant must lie in the {@link TimeRange} given; a comment without
 * {@code postedAt} gets the range clock's now.
 */
public final class Submissions {
    private Submissions() {
    }

    public static Article article(byte[] body, TimeRange range) {
        return Json.read(body, Article.class, range);
    }

    /** A comment without {@code postedAt} was posted when it arrived. */
    public static Comment comment(byte[] body, TimeRange range) {
        return stamped(Json.read(body, Comment.class, range), range.clock().instant());
    }

    /**
     * A batch as read: its comments, each id once, and the ids that appeared more than once with the same content
     * (kept once, at their first place).
     */
    public record Batch(List<Comment> comments, List<String> repeated) {
    }

    /**
     * Reads a batch of comments, all or nothing: one bad item rejects the whole batch, and the
     * exception names each bad item by its index ({@code [3].body}); for JSON lines the message also
     * gives the line number, which is what an editor shows. Blank lines are skipped. One id given twice with the
     * same content is kept once; with other content it is a violation naming both places.
     *
     * @throws BatchTooLargeException when the batch has more than {@code maxItems} comments
     */
    public static Batch commentBatch(byte[] body, BodyFormat format, TimeRange range, int maxItems) {
        Instant arrivedAt = range.clock().instant();
        List<Item> items = format == BodyFormat.JSON_LINES ? lines(body) : arrayElements(body);
        if (items.isEmpty()) {
            throw new InvalidEventException(List.of(new Violation("$", "the batch is empty; send at least one comment")));
        }
        if (items.size() > maxItems) {
            throw new BatchTooLargeException(items.size(), maxItems);
        }
        List<Comment> comments = new ArrayList<>(items.size());
        List<String> repeated = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        Map<String, Integer> firstPlace = new HashMap<>();
        Map<String, SubmissionContent> firstContent = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Comment comment;
            try {
                comment = stamped(Json.read(item.json(), Comment.class, range), arrivedAt);
            } catch (InvalidEventException e) {
                for (Violation v : e.violations()) {
                    violations.add(new Violation(indexed(i, v.field()), item.where() + v.message()));
                }
                continue;
            }
            Integer first = firstPlace.putIfAbsent(comment.commentId(), i);
            if (first == null) {
                firstContent.put(comment.commentId(), SubmissionContent.of(comment));
                comments.add(comment);
            } else if (firstContent.get(comment.commentId()).equals(SubmissionContent.of(comment))) {
                repeated.add(comment.commentId());
            } else {
                violations.add(new Violation(indexed(i, "commentId"), item.where() + "'" + comment.commentId()
                        + "' is also the id of item [" + first + "], with other content; each comment needs its own id"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return new Batch(comments, repeated);
    }

    /** One item of a batch, with where it stood in the body (empty for array elements). */
    private record Item(String json, String where) {
    }

    private static List<Item> lines(byte[] body) {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        List<Item> items = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!line.isEmpty()) {
                items.add(new Item(line, "line " + (n + 1) + ": "));
            }
        }
        return items;
    }

    private static List<Item> arrayElements(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new InvalidEventException(List.of(Json.violationOf(e)));
        }
        if (root == null || !root.isArray()) {
            throw new InvalidEventException(List.of(new Violation("$",
                    "expected a JSON array of comments; for one comment per line send Content-Type application/x-ndjson")));
        }
        List<Item> items = new ArrayList<>(root.size());
        root.forEach(element -> items.add(new Item(element.toString(), "")));
        return items;
    }

    private static String indexed(int index, String field) {
        if (field.equals("$")) {
            return "[" + index + "]";
        }
        return "[" + index + "]" + (field.startsWith("[") ? "" : ".") + field;
    }

    private static Comment stamped(Comment comment, Instant arrivedAt) {
        return comment.postedAt() == null ? comment.withPostedAt(arrivedAt) : comment;
    }
}
