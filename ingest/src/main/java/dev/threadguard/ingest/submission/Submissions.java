package dev.threadguard.ingest.submission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.InvalidEventException;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns request bodies into validated events. Pure logic: no HTTP, no Kafka. Every method either
 * returns events that pass the contract's validation or throws {@link InvalidEventException} naming
 * every field at fault.
 */
public final class Submissions {
    private Submissions() {
    }

    public static Article article(byte[] body) {
        return Json.read(body, Article.class);
    }

    /** A comment without {@code postedAt} was posted when it arrived. */
    public static Comment comment(byte[] body, Instant arrivedAt) {
        return stamped(Json.read(body, Comment.class), arrivedAt);
    }

    /**
     * Reads a batch of comments, all or nothing: one bad item rejects the whole batch, and the
     * exception names each bad item by its index ({@code [3].body}); for JSON lines the message also
     * gives the line number, which is what an editor shows. Blank lines are skipped.
     *
     * @throws BatchTooLargeException when the batch has more than {@code maxItems} comments
     */
    public static List<Comment> commentBatch(byte[] body, BodyFormat format, Instant arrivedAt, int maxItems) {
        List<Item> items = format == BodyFormat.JSON_LINES ? lines(body) : arrayElements(body);
        if (items.isEmpty()) {
            throw new InvalidEventException(List.of(new Violation("$", "the batch is empty; send at least one comment")));
        }
        if (items.size() > maxItems) {
            throw new BatchTooLargeException(items.size(), maxItems);
        }
        List<Comment> comments = new ArrayList<>(items.size());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            try {
                comments.add(stamped(Json.read(item.json(), Comment.class), arrivedAt));
            } catch (InvalidEventException e) {
                for (Violation v : e.violations()) {
                    violations.add(new Violation(indexed(i, v.field()), item.where() + v.message()));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return comments;
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
