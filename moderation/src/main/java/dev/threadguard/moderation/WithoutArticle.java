package dev.threadguard.moderation;

import java.time.Duration;
import java.util.Locale;

/**
 * Why a comment was judged without its article: it waited for it too long, or the hold was full. The hold never
 * drops a comment: past a bound the new comment is judged at once, like one whose wait timed out, and its verdict
 * says so in a reason.
 */
enum WithoutArticle {
    /** The article did not arrive within {@code MODERATION_HOLD_TIMEOUT}. */
    TIMEOUT("timeout"),
    /** {@code MODERATION_HOLD_MAX_PER_ARTICLE} comments were already waiting for the same article. */
    ARTICLE_BOUND("article_bound"),
    /** {@code MODERATION_HOLD_MAX_TOTAL} comments were already waiting in the task (one partition of the thread stage). */
    TOTAL_BOUND("total_bound");

    /** The {@code reason} label of {@code threadguard_moderation_judged_without_article_total}. */
    final String label;

    WithoutArticle(String label) {
        this.label = label;
    }

    /** The reason added to the verdict, for a moderator. */
    String reason(String articleId, ModerationConfig config) {
        return "judged without its article: " + switch (this) {
            case TIMEOUT -> "article " + articleId + " had not arrived after " + spoken(config.holdTimeout());
            case ARTICLE_BOUND -> String.format(Locale.ROOT, "%,d comments were already waiting for article %s",
                    config.maxHeldPerArticle(), articleId);
            case TOTAL_BOUND -> String.format(Locale.ROOT,
                    "%,d comments were already waiting for their articles in this partition", config.maxHeldTotal());
        };
    }

    /** "1 hour", "10 minutes", "90 seconds"; ISO-8601 for anything else. */
    static String spoken(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0 || s <= 0) {
            return d.toString();
        }
        if (s % 3600 == 0) {
            return plural(s / 3600, "hour");
        }
        return s % 60 == 0 ? plural(s / 60, "minute") : plural(s, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
