package dev.threadguard.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules every entry point applies to input events (HTTP, Kafka records, dataset files), so that
 * a record refused by the ingest API is also refused when produced straight to Kafka.
 */
public final class EventValidator {
    public static final int MAX_ID_LENGTH = 200;
    public static final int MAX_TITLE_LENGTH = 1_000;
    public static final int MAX_AUTHOR_LENGTH = 200;
    public static final int MAX_COMMENT_BODY_LENGTH = 20_000;
    public static final int MAX_ARTICLE_BODY_LENGTH = 1_000_000;
    public static final int MAX_URL_LENGTH = 2_000;
    public static final int MAX_TAGS = 100;

    private EventValidator() {
    }

    public static List<Violation> validate(Event event) {
        if (event instanceof Article a) {
            return validateArticle(a);
        }
        return validateComment((Comment) event);
    }

    public static List<Violation> validateArticle(Article a) {
        List<Violation> out = new ArrayList<>();
        id(out, "articleId", a.articleId(), true);
        text(out, "title", a.title(), true, MAX_TITLE_LENGTH);
        text(out, "body", a.body(), true, MAX_ARTICLE_BODY_LENGTH);
        text(out, "url", a.url(), false, MAX_URL_LENGTH);
        if (a.tags().size() > MAX_TAGS) {
            out.add(new Violation("tags", "at most " + MAX_TAGS + " tags, got " + a.tags().size()));
        }
        for (int i = 0; i < a.tags().size(); i++) {
            text(out, "tags[" + i + "]", a.tags().get(i), true, MAX_TITLE_LENGTH);
        }
        return out;
    }

    public static List<Violation> validateComment(Comment c) {
        List<Violation> out = new ArrayList<>();
        id(out, "commentId", c.commentId(), true);
        id(out, "articleId", c.articleId(), true);
        id(out, "parentId", c.parentId(), false);
        if (c.parentId() != null && c.parentId().equals(c.commentId())) {
            out.add(new Violation("parentId", "a comment cannot reply to itself"));
        }
        text(out, "author", c.author(), false, MAX_AUTHOR_LENGTH);
        text(out, "title", c.title(), false, MAX_TITLE_LENGTH);
        text(out, "body", c.body(), true, MAX_COMMENT_BODY_LENGTH);
        return out;
    }

    private static void id(List<Violation> out, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                out.add(new Violation(field, "is required"));
            }
            return;
        }
        if (value.isBlank()) {
            out.add(new Violation(field, "must not be blank"));
        } else if (value.length() > MAX_ID_LENGTH) {
            out.add(new Violation(field, "must be at most " + MAX_ID_LENGTH + " characters, got " + value.length()));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            out.add(new Violation(field, "must not contain control characters"));
        }
    }

    private static void text(List<Violation> out, String field, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                out.add(new Violation(field, "is required"));
            }
            return;
        }
        if (required && value.isBlank()) {
            out.add(new Violation(field, "must not be blank"));
        } else if (value.length() > max) {
            out.add(new Violation(field, "must be at most " + max + " characters, got " + value.length()));
        } else if (value.indexOf('\u0000') >= 0) {
            // Text databases (PostgreSQL among them) cannot store NUL; no real comment needs one.
            out.add(new Violation(field, "must not contain NUL characters"));
        }
    }
}
