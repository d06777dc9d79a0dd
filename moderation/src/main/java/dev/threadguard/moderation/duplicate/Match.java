package dev.threadguard.moderation.duplicate;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.TextNormalizer;
import java.util.Locale;

/** What a comparison of a comment with one earlier comment found, and how a reason says it. */
record Match(Comment original, Match.Kind kind, double score, double similarity, Match.Authorship who, String edit) {
    Match(Comment original, Kind kind, double score, double similarity, Authorship who) {
        this(original, kind, score, similarity, who, null);
    }

    /**
     * SAME_TEXT, SHORT_REPEAT (too short to be a copy), NEAR (a few character edits), TRUNCATED (end cut off),
     * REORDERED (the same sentences in another order), REWORDED (most word shingles shared), CONTAINS (the comment
     * opens with the whole original, words added), INSIDE (the comment is whole sentences of a longer original).
     */
    enum Kind { SAME_TEXT, SHORT_REPEAT, NEAR, TRUNCATED, REORDERED, REWORDED, CONTAINS, INSIDE }

    /** Whether two comments have the same author; unknown when either is anonymous. */
    enum Authorship {
        SAME("by the same author"),
        OTHER("by another reader"),
        UNKNOWN("by an anonymous reader");

        final String phrase;

        Authorship(String phrase) {
            this.phrase = phrase;
        }

        static Authorship of(String a, String b) {
            if (a == null || b == null || a.isBlank() || b.isBlank()) {
                return UNKNOWN;
            }
            if (a.equals(b)) {
                return SAME;
            }
            return TextNormalizer.normalize(a).equals(TextNormalizer.normalize(b)) ? SAME : OTHER;
        }

        /** A near-copy by its own author is likelier a repost than a coincidence: halve the distance to 1. */
        double adjust(double similarity) {
            return this == SAME ? 1 - (1 - similarity) / 2 : similarity;
        }
    }

    String describe(Comment comment) {
        String when = Elapsed.before(original.postedAt(), comment.postedAt());
        String id = original.commentId();
        String where = elsewhere(comment) ? " in another thread (article " + original.articleId() + ")" : "";
        return switch (kind) {
            case SAME_TEXT -> who == Authorship.SAME
                    ? "same text as " + id + " " + who.phrase + ", posted " + when + where
                    : "same text as " + id + ", posted " + when + " " + who.phrase + where;
            case SHORT_REPEAT -> "same short text as " + id + " " + who.phrase + ", too short to be a copy";
            case NEAR -> percent(similarity) + " similar to " + id + " (" + edit + "), posted " + when + " "
                    + who.phrase + where;
            case TRUNCATED -> "a shortened copy of " + id + " (keeps its first " + percent(similarity)
                    + "), posted " + when + " " + who.phrase + where;
            case REORDERED -> "the sentences of " + id + " in another order, posted " + when + " " + who.phrase + where;
            case REWORDED -> percent(similarity) + " of its wording shared with " + id + ", posted " + when + " "
                    + who.phrase + where;
            case CONTAINS -> "contains " + (similarity >= 0.995 ? "the text of " : percent(similarity) + " of the text of ")
                    + id + " (" + edit + "), posted " + when + " " + who.phrase + where;
            case INSIDE -> "a passage of " + id + " (" + edit + (similarity >= 0.995 ? "" : ", " + percent(similarity)
                    + " of its wording matching") + "), posted " + when + " " + who.phrase + where;
        };
    }

    private boolean elsewhere(Comment comment) {
        return original.articleId() != null && !original.articleId().equals(comment.articleId());
    }

    private static String percent(double x) {
        return String.format(Locale.ROOT, "%d%%", (int) Math.floor(x * 100));
    }

    /** A few words on what changed between a near-copy and its original, for the reason. */
    static String editSummary(int wordsNow, int wordsBefore, int distance) {
        int diff = wordsNow - wordsBefore;
        if (diff == 1) {
            return "a word added";
        }
        if (diff > 1) {
            return diff + " words added";
        }
        if (diff == -1) {
            return "a word dropped";
        }
        if (diff < -1) {
            return -diff + " words dropped";
        }
        return distance <= 2 ? "a typo or small edit" : "small edits";
    }
}
