package dev.threadguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Renders a moderated thread (the sink's {@code GET /api/threads/{id}} answer) as an indented reply
 * tree, each comment followed by its flags with score and reason, for a person at a terminal.
 */
public final class ThreadPrinter {
    private static final int EXCERPT = 90;

    private ThreadPrinter() {
    }

    public static String render(JsonNode thread) {
        StringBuilder out = new StringBuilder();
        JsonNode article = thread.path("article");
        JsonNode comments = thread.path("comments");
        int[] counts = new int[2];
        count(comments, counts);
        out.append(article.isMissingNode() || article.isNull() ? "(article not received)" : article.path("title").asText())
                .append('\n')
                .append(String.format(Locale.ROOT, "%d comments, %d flagged%n%n", counts[0], counts[1]));
        for (JsonNode c : comments) {
            renderComment(out, c, 0);
        }
        return out.toString();
    }

    private static void count(JsonNode comments, int[] counts) {
        for (JsonNode c : comments) {
            counts[0]++;
            if (!c.path("flags").isEmpty()) {
                counts[1]++;
            }
            count(c.path("replies"), counts);
        }
    }

    private static void renderComment(StringBuilder out, JsonNode c, int depth) {
        String indent = "    ".repeat(depth);
        String author = c.path("author").isTextual() ? c.path("author").asText() : "anonymous";
        String title = c.path("title").isTextual() ? "\"" + c.path("title").asText() + "\" " : "";
        // The status (HELD, PUBLISHED, ...) is what the moderation policy made of the flags.
        String status = c.path("status").isTextual() ? " [" + c.path("status").asText() + "]" : "";
        out.append(indent).append(depth == 0 ? "* " : "> ")
                .append(c.path("commentId").asText()).append(status).append("  ").append(author).append(": ")
                .append(title).append(excerpt(c.path("body").asText())).append('\n');
        JsonNode flags = c.path("flags");
        if (flags.isEmpty()) {
            out.append(indent).append("    ok\n");
        } else {
            for (JsonNode flag : flags) {
                out.append(indent).append("    FLAG ").append(flag.asText());
                if ("DUPLICATE".equals(flag.asText()) && c.path("duplicateOf").isTextual()) {
                    out.append(" of ").append(c.path("duplicateOf").asText());
                }
                JsonNode score = c.path("scores").path(scoreKey(flag.asText()));
                if (score.isNumber()) {
                    out.append(String.format(Locale.ROOT, " (score %.2f)", score.asDouble()));
                }
                out.append('\n');
            }
            for (JsonNode reason : c.path("reasons")) {
                out.append(indent).append("      - ").append(reason.asText()).append('\n');
            }
        }
        for (JsonNode reply : c.path("replies")) {
            renderComment(out, reply, depth + 1);
        }
    }

    private static String scoreKey(String flag) {
        return dev.threadguard.contract.Flag.valueOf(flag).scoreKey();
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT - 3) + "...";
    }
}
