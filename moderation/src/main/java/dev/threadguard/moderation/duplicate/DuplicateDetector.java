package dev.threadguard.moderation.duplicate;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.TextNormalizer;
import dev.threadguard.moderation.text.TextProfile;
import dev.threadguard.moderation.text.TextProfiler;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Finds comments that repeat an earlier comment of the thread: the same text (up to case, spacing,
 * punctuation and Unicode presentation), a lightly edited copy (a typo, a word added or dropped), or a copy with
 * its end cut off. A repeat by the same author counts at any length; a repeat by someone else only when the text
 * is long enough to be a copy rather than a common short reply ("+1", "Agreed.").
 */
public final class DuplicateDetector {
    /** Score of an identical text by someone else: a copy, slightly less sure than a repost by its author. */
    static final double COPY_BY_OTHER = 0.98;
    /** Score of an identical short text by someone else: a common reply, not a copy. */
    static final double SHORT_COMMON_REPLY = 0.2;
    /** A cut-off copy is a little weaker evidence than a whole one. */
    static final double TRUNCATION_PENALTY = 0.05;
    /** A truncated copy must keep at least this share of the original. */
    static final double MIN_TRUNCATED_SHARE = 0.5;
    /** Below this similarity a near-duplicate candidate is not worth an edit-distance computation. */
    static final double MIN_NEAR_SIMILARITY = 0.8;
    /** Scores from here up to the threshold get a short "resembles" reason without a flag. */
    static final double MENTION_FROM = 0.7;

    private static final long[] NO_BANDS = new long[0];
    /**
     * Below this MinHash estimate of 3-gram Jaccard similarity a pair is no near-copy: a typo keeps it near 0.85,
     * a copy cut to half its length near 0.5. With 32 positions the estimate is within about ±0.15 of the truth.
     */
    static final double MIN_SIGNATURE_AGREEMENT = 0.25;

    private final TextProfiler profiler;
    private final int minCopyWords;
    private final double threshold;
    private final MinHash minHash;
    /** One function object, so that each profile keeps the signature it computed ({@link TextProfile#derived}). */
    private final Function<String, int[]> signer;

    public DuplicateDetector(TextProfiler profiler, int minCopyWords, double threshold) {
        this.profiler = profiler;
        this.minCopyWords = minCopyWords;
        this.threshold = threshold;
        this.minHash = MinHash.standard();
        this.signer = minHash::signature;
    }

    /** The MinHash signature of a text's key, computed once and kept with its cached profile. */
    private int[] signature(TextProfile p) {
        return p.derived(signer);
    }

    /**
     * The LSH band hashes of a comment's normalized text: the keys under which it is indexed and looked up, so that
     * only earlier comments sharing a band are compared with it ({@link MinHash}). None for a text without letters
     * or digits, which is never a duplicate.
     */
    public long[] bandHashes(Comment comment) {
        TextProfile p = profiler.profile(comment);
        return p.isEmpty() ? NO_BANDS : minHash.bandHashes(signature(p));
    }

    /**
     * Which comment is the copy goes by {@code postedAt}, not by the order comments reached moderation (a backlog
     * after a crash, or several partitions feeding one author, deliver them out of order): a comment that was posted
     * after {@code comment} is never its original and is not compared; among the originals at or above the
     * threshold the earliest posted is named, the first delivered among equals. A comment without postedAt (not
     * possible after the thread stage, which fills it in from the record time) is compared with all.
     *
     * @param earlier comments seen before this one, in the order they arrived: the thread's earlier comments, or the
     *                candidates an LSH lookup ({@link #bandHashes}) found in a thread or in the author's recent
     *                comments
     */
    public DuplicateFinding detect(Comment comment, List<Comment> earlier) {
        TextProfile p = profiler.profile(comment);
        if (p.isEmpty() || earlier.isEmpty()) {
            return DuplicateFinding.NONE;
        }
        Match best = null;
        Match first = null;
        for (Comment e : earlier) {
            if (e.commentId() != null && e.commentId().equals(comment.commentId())) {
                continue; // a redelivery of the comment itself
            }
            if (postedBefore(comment, e)) {
                continue; // arrived first but posted later: the copy of this one, if anything, never its original
            }
            Match m = compare(comment, p, e);
            if (m == null) {
                continue;
            }
            if (best == null || m.score > best.score) {
                best = m;
            }
            if (m.score >= threshold && (first == null || postedBefore(m.original, first.original))) {
                first = m;
            }
        }
        if (first != null) {
            return new DuplicateFinding(best.score, first.original.commentId(), first.describe(comment));
        }
        if (best == null) {
            return DuplicateFinding.NONE;
        }
        String reason = best.score >= MENTION_FROM ? "resembles " + best.describe(comment) + ", below the duplicate threshold" : null;
        return new DuplicateFinding(best.score, null, reason);
    }

    /** Whether {@code a} was posted strictly before {@code b}; false when either time is unknown. */
    private static boolean postedBefore(Comment a, Comment b) {
        return a.postedAt() != null && b.postedAt() != null && a.postedAt().isBefore(b.postedAt());
    }

    private Match compare(Comment comment, TextProfile p, Comment other) {
        TextProfile q = profiler.profile(other);
        if (q.isEmpty()) {
            return null;
        }
        if (p.key().equals(q.key())) {
            Authorship who = Authorship.of(comment.author(), other.author());
            if (who == Authorship.SAME) {
                return new Match(other, Kind.SAME_TEXT, 1.0, 1.0, who);
            }
            return p.wordCount() >= minCopyWords
                    ? new Match(other, Kind.SAME_TEXT, COPY_BY_OTHER, 1.0, who)
                    : new Match(other, Kind.SHORT_REPEAT, SHORT_COMMON_REPLY, 1.0, who);
        }
        if (p.wordCount() < minCopyWords) {
            return null;
        }
        int lp = p.key().length();
        int lq = q.key().length();
        if (lp < lq * MIN_TRUNCATED_SHARE || lp * MIN_NEAR_SIMILARITY > lq) {
            return null;
        }
        // The cheap filter first: 32 integer comparisons (signatures are cached per text) spare most pairs the
        // shingle-set intersection and the edit distance.
        if (MinHash.estimate(signature(p), signature(q)) < MIN_SIGNATURE_AGREEMENT) {
            return null;
        }
        // Who wrote the two only matters for a match: normalising both names for every pair cost more than the rest.
        Authorship who = null;
        Match near = null;
        if (lp >= lq * MIN_NEAR_SIMILARITY && TextSimilarity.dice(p.shingles(), q.shingles()) >= 0.6) {
            int longer = Math.max(lp, lq);
            double sim = TextSimilarity.editSimilarity(p.key(), q.key(), (int) Math.ceil(longer * (1 - MIN_NEAR_SIMILARITY)));
            if (sim >= MIN_NEAR_SIMILARITY) {
                int distance = (int) Math.round((1 - sim) * longer);
                who = Authorship.of(comment.author(), other.author());
                near = new Match(other, Kind.NEAR, who.adjust(sim), sim, who,
                        editSummary(p.wordCount(), q.wordCount(), distance));
            }
        }
        if (lp < lq && TextSimilarity.containment(p.shingles(), q.shingles()) >= 0.9) {
            CharSequence head = q.key().subSequence(0, lp);
            double sim = TextSimilarity.editSimilarity(p.key(), head, (int) Math.ceil(lp * 0.05));
            if (sim >= 0.95) {
                who = who != null ? who : Authorship.of(comment.author(), other.author());
                Match cut = new Match(other, Kind.TRUNCATED, who.adjust(sim - TRUNCATION_PENALTY), (double) lp / lq, who);
                if (near == null || cut.score > near.score) {
                    near = cut;
                }
            }
        }
        return near;
    }

    enum Kind { SAME_TEXT, SHORT_REPEAT, NEAR, TRUNCATED }

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

    private record Match(Comment original, Kind kind, double score, double similarity, Authorship who, String edit) {
        Match(Comment original, Kind kind, double score, double similarity, Authorship who) {
            this(original, kind, score, similarity, who, null);
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
            };
        }

        private boolean elsewhere(Comment comment) {
            return original.articleId() != null && !original.articleId().equals(comment.articleId());
        }

        private static String percent(double x) {
            return String.format(Locale.ROOT, "%d%%", (int) Math.floor(x * 100));
        }
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
