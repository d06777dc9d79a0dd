package dev.threadguard.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules every entry point applies to input events (HTTP, Kafka records, dataset files), so that
 * a record refused by the ingest API is also refused when produced straight to Kafka: required fields,
 * lengths, the characters of {@link TextRules}, and every instant within a {@link TimeRange}.
 * The methods without a range use {@link TimeRange#forRecords()}.
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
        return validate(event, TimeRange.forRecords());
    }

    /** Every violation of {@code event}, its instants checked against {@code range}; empty when it is valid. */
    public static List<Violation> validate(Event event, TimeRange range) {
        if (event instanceof Article a) {
            return validateArticle(a, range);
        }
        return validateComment((Comment) event, range);
    }

    public static List<Violation> validateArticle(Article a) {
        return validateArticle(a, TimeRange.forRecords());
    }

    public static List<Violation> validateArticle(Article a, TimeRange range) {
        List<Violation> out = new ArrayList<>();
        id(out, "articleId", a.articleId(), true);
        line(out, "title", a.title(), true, MAX_TITLE_LENGTH);
        multiline(out, "body", a.body(), true, MAX_ARTICLE_BODY_LENGTH);
        line(out, "url", a.url(), false, MAX_URL_LENGTH);
        range.check(out, "publishedAt", a.publishedAt());
        if (a.tags().size() > MAX_TAGS) {
            out.add(new Violation("tags", "at most " + MAX_TAGS + " tags, got " + a.tags().size()));
        }
        for (int i = 0; i < a.tags().size(); i++) {
            line(out, "tags[" + i + "]", a.tags().get(i), true, MAX_TITLE_LENGTH);
        }
        return out;
    }

    public static List<Violation> validateComment(Comment c) {
        return validateComment(c, TimeRange.forRecords());
    }

    /**
     * A comment's own rules. Its {@code parentId} is only checked as an id and against the comment's own id: whether
     * the parent exists, and in which thread, only moderation knows (see README, "Input rules").
     */
    public static List<Violation> validateComment(Comment c, TimeRange range) {
        List<Violation> out = new ArrayList<>();
        id(out, "commentId", c.commentId(), true);
        id(out, "articleId", c.articleId(), true);
        id(out, "parentId", c.parentId(), false);
        if (c.parentId() != null && c.parentId().equals(c.commentId())) {
            out.add(new Violation("parentId", "a comment cannot reply to itself"));
        }
        line(out, "author", c.author(), false, MAX_AUTHOR_LENGTH);
        line(out, "title", c.title(), false, MAX_TITLE_LENGTH);
        multiline(out, "body", c.body(), true, MAX_COMMENT_BODY_LENGTH);
        range.check(out, "postedAt", c.postedAt());
        return out;
    }

    /** A moderated comment as it travels on {@code comments.moderated}: its comment, and the verdict's instant. */
    public static List<Violation> validateModerated(ModeratedComment m, TimeRange range) {
        List<Violation> out = new ArrayList<>();
        if (m.comment() == null) {
            out.add(new Violation("comment", "is required"));
        } else {
            validateComment(m.comment(), range).forEach(v -> out.add(new Violation("comment." + v.field(), v.message())));
        }
        if (m.verdict() == null) {
            out.add(new Violation("verdict", "is required"));
        } else {
            range.check(out, "verdict.judgedAt", m.verdict().judgedAt());
        }
        return out;
    }

    /** An id: required or not, never blank, at most {@link #MAX_ID_LENGTH}, one-line text. */
    static void id(List<Violation> out, String field, String value, boolean required) {
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
        } else {
            TextRules.checkLine(out, field, value);
        }
    }

    private static void line(List<Violation> out, String field, String value, boolean required, int max) {
        if (lengthOk(out, field, value, required, max)) {
            TextRules.checkLine(out, field, value);
        }
    }

    private static void multiline(List<Violation> out, String field, String value, boolean required, int max) {
        if (lengthOk(out, field, value, required, max)) {
            TextRules.checkMultiline(out, field, value);
        }
    }

    private static boolean lengthOk(List<Violation> out, String field, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                out.add(new Violation(field, "is required"));
            }
            return false;
        }
        if (required && value.isBlank()) {
            out.add(new Violation(field, "must not be blank"));
            return false;
        }
        if (value.length() > max) {
            out.add(new Violation(field, "must be at most " + max + " characters, got " + value.length()));
            return false;
        }
        return true;
    }
}
