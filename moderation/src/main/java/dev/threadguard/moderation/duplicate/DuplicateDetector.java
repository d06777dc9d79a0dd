package dev.threadguard.moderation.duplicate;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.TextProfile;
import dev.threadguard.moderation.text.TextProfiler;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds comments that repeat an earlier comment: the same text (up to case, spacing, punctuation and Unicode
 * presentation), a lightly edited copy (a typo, a word added or dropped), a copy with its end cut off, the same
 * sentences in another order, a copy with words added after it, or whole sentences lifted out of a longer comment
 * ({@link Match.Kind}). Only a comment's own words count ({@link Quotes}): quoting is conversation. A repeat by the
 * same author counts at any length; a repeat by someone else only when the text is long enough to be a copy rather
 * than a common short reply ("+1", "Agreed."), and containment from {@value #MIN_CONTAINED_WORDS} words. Which of
 * two is the copy goes by {@code postedAt}. Comparison works on texts ({@link #detect}) or, for comments kept only as
 * {@link CopySignature}s, on signatures ({@link #detectSigned}). Thread-safe.
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
    /** Characters of each of the three windows that stand for long texts with spread edits in the near-copy check. */
    static final int EDIT_WINDOW = 1_280;
    /** Scores from here up to the threshold get a short "resembles" reason without a flag. */
    static final double MENTION_FROM = 0.7;

    /** Own-word signatures kept in memory: a thread's recent comments are compared again with each new one. */
    static final int SIGNATURE_CACHE = 20_000;
    /**
     * Below this MinHash estimate of 3-gram Jaccard similarity a pair is no near-copy: a typo keeps it near 0.85,
     * a copy cut to half its length near 0.5. With 32 positions the estimate is within about ±0.15 of the truth.
     */
    static final double MIN_SIGNATURE_AGREEMENT = 0.25;
    /**
     * Shared word shingles (Jaccard) from which two texts are one reworded or reordered text: word 3-grams of two
     * independently written comments almost never overlap this much.
     */
    static final double REWORDED_FROM = 0.8;
    /**
     * The same from signatures alone for a repost by the same author, where a typo (three lost shingles) is not told
     * from a changed word; another reader's text is held to {@link #REWORDED_FROM}.
     */
    static final double SIGNED_REWORDED_FROM = 0.6;
    /**
     * Words of the contained text from which containment is a copy: below eight, stock phrases ("thanks for sharing
     * this, great read") recur inside longer comments by coincidence; eight words in the same order rarely do.
     */
    static final int MIN_CONTAINED_WORDS = 8;
    /** Share of the contained text's word shingles found in the other: a changed word or two still counts. */
    static final double MIN_CONTAINMENT = 0.9;

    private final TextProfiler profiler;
    private final int minCopyWords;
    private final double threshold;
    private final MinHash minHash;
    /** One function object, so that each profile keeps the signature it computed ({@link TextProfile#derived}). */
    private final Function<String, int[]> signer;
    private final CopySigner copies;

    public DuplicateDetector(TextProfiler profiler, int minCopyWords, double threshold) {
        this.profiler = profiler;
        this.minCopyWords = minCopyWords;
        this.threshold = threshold;
        this.minHash = MinHash.standard();
        this.signer = minHash::signature;
        this.copies = new CopySigner(profiler, minHash, signer, SIGNATURE_CACHE);
    }

    /** The MinHash signature of a text's key, computed once and kept with its cached profile. */
    private int[] signature(TextProfile p) {
        return p.derived(signer);
    }

    /**
     * The LSH band hashes of a comment's own words (quotations left out, {@link Quotes}): the keys under which it is
     * indexed, so that only earlier comments sharing a band are compared with it ({@link MinHash}). The 16 MinHash
     * bands of the whole own text, then up to 4 sentence anchors ({@link CopySigner}) that find containment: a copy
     * with sentences added, a sentence lifted out of a longer comment. None for a text without letters or digits,
     * which is never a duplicate. Equal to {@link CopySignature#bandHashes()} of {@link #signature}.
     */
    public long[] bandHashes(Comment comment) {
        return copies.of(comment).signature().bandHashes();
    }

    /**
     * The band hashes to look a comment's candidates up with: {@link #bandHashes} and every further anchor sentence
     * (up to 16 in all), so that a long copy finds a short original whichever of its sentences the original was
     * indexed under. Lookups write nothing; only {@link #bandHashes} are stored.
     */
    public long[] lookupHashes(Comment comment) {
        return copies.of(comment).lookups().clone();
    }

    /**
     * The key under which the global copy search keeps and looks up a comment: the smallest hash of its own words'
     * five-word sequences ({@code CopySigner#copyAnchor}), equal for a verbatim or reordered copy, shared by a near copy
     * with about the probability of their share of common sequences. Empty for a comment shorter than the minimum
     * copy length, which is never a copy by someone else (a repeat by its author is the author stage's business).
     */
    public java.util.OptionalLong copyAnchor(Comment comment) {
        CopySigner.OwnText own = copies.of(comment);
        return own.isEmpty() || own.copyAnchor() == 0 || own.signature().words() < minCopyWords
                ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(own.copyAnchor());
    }

    /** The compact copy signature of a comment's own words, for state that keeps signatures instead of texts. */
    public CopySignature signature(Comment comment) {
        return copies.of(comment).signature();
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
        return detectPrepared(comment, earlier.stream().map(Prepared::of).toList());
    }

    /**
     * {@link #detect(Comment, List)} against earlier comments held as {@link Prepared}: the same finding, but a
     * candidate this detector compared before keeps its analysis and is compared without looking it up again.
     */
    public DuplicateFinding detectPrepared(Comment comment, List<Prepared> earlier) {
        CopySigner.OwnText own = copies.of(comment);
        if (own.isEmpty() || earlier.isEmpty()) {
            return DuplicateFinding.NONE;
        }
        Picked picked = new Picked();
        for (Prepared p : earlier) {
            Comment e = p.comment;
            if (e.commentId() != null && e.commentId().equals(comment.commentId())) {
                continue; // a redelivery of the comment itself
            }
            if (postedBefore(comment, e)) {
                continue; // arrived first but posted later: the copy of this one, if anything, never its original
            }
            picked.offer(compare(comment, own, e, ownText(p)));
        }
        return finding(comment, picked.best, picked.first);
    }

    /**
     * A comment held for later comparisons, keeping what the detector found of it at its first comparison: a thread's
     * comments are candidates of many later ones, and finding each one's analysis again in the caches (keyed by id
     * and text) was about a tenth of the thread stage's CPU. Immutable in what it says; the analysis is filled in on
     * first use and is the same whoever fills it, so sharing one between threads costs at most a second look-up.
     */
    public static final class Prepared {
        private final Comment comment;
        /** Which detector's analysis, and the analysis: one reference, so a reader never pairs one with another's. */
        private Analysis analysis;

        private Prepared(Comment comment) {
            this.comment = Objects.requireNonNull(comment, "comment");
        }

        /** A comment not analysed yet: its analysis is looked up when it is first compared. */
        public static Prepared of(Comment comment) {
            return new Prepared(comment);
        }

        public Comment comment() {
            return comment;
        }
    }

    /** Immutable (final fields), so a {@link Prepared} may publish it without a lock. */
    private record Analysis(DuplicateDetector detector, CopySigner.OwnText own) {
    }

    /** A prepared comment's analysis: kept if this detector made it, else looked up and kept for next time. */
    private CopySigner.OwnText ownText(Prepared p) {
        Analysis kept = p.analysis;
        if (kept != null && kept.detector() == this) {
            return kept.own();
        }
        CopySigner.OwnText own = copies.of(p.comment);
        p.analysis = new Analysis(this, own);
        return own;
    }

    /**
     * {@link #detect(Comment, List)} against earlier comments of which only the signature is kept: exact repeats,
     * reworded or reordered copies and containment, as estimated from the two signatures ({@link CopySignature});
     * edits below the word level (a typo in a short text) are found only where the texts are compared.
     */
    public DuplicateFinding detectSigned(Comment comment, List<Candidate> earlier) {
        CopySigner.OwnText own = copies.of(comment);
        if (own.isEmpty() || earlier.isEmpty()) {
            return DuplicateFinding.NONE;
        }
        Picked picked = new Picked();
        for (Candidate e : earlier) {
            Comment original = e.asComment();
            if (e.commentId().equals(comment.commentId()) || postedBefore(comment, original)) {
                continue;
            }
            picked.offer(compareSigned(comment, own, original, e.signature()));
        }
        return finding(comment, picked.best, picked.first);
    }

    /** The best-scoring match, and the earliest-posted original among the matches at or above the threshold. */
    private final class Picked {
        private Match best;
        private Match first;

        void offer(Match m) {
            if (m == null) {
                return;
            }
            if (best == null || m.score() > best.score()) {
                best = m;
            }
            if (m.score() >= threshold && (first == null || postedBefore(m.original(), first.original()))) {
                first = m;
            }
        }
    }

    /**
     * An earlier comment known by its signature only.
     *
     * @param postedAt when it was posted (decides which of two copies is the original); null when unknown
     */
    public record Candidate(String commentId, String articleId, String author, Instant postedAt, CopySignature signature) {
        public Candidate {
            Objects.requireNonNull(commentId, "commentId");
            Objects.requireNonNull(signature, "signature");
        }

        Comment asComment() {
            return new Comment(commentId, articleId, null, author, null, null, postedAt);
        }
    }

    private DuplicateFinding finding(Comment comment, Match best, Match first) {
        if (first != null) {
            return new DuplicateFinding(best.score(), first.original().commentId(), first.describe(comment));
        }
        if (best == null) {
            return DuplicateFinding.NONE;
        }
        String reason = best.score() >= MENTION_FROM ? "resembles " + best.describe(comment) + ", below the duplicate threshold" : null;
        return new DuplicateFinding(best.score(), null, reason);
    }

    /** Whether {@code a} was posted strictly before {@code b}; false when either time is unknown. */
    private static boolean postedBefore(Comment a, Comment b) {
        return a.postedAt() != null && b.postedAt() != null && a.postedAt().isBefore(b.postedAt());
    }

    private Match compare(Comment comment, CopySigner.OwnText own, Comment other, CopySigner.OwnText theirs) {
        if (theirs.isEmpty() || (own.signature().onlyQuote() && repliesTo(comment, other))) {
            return null; // a bare quotation of the comment it answers
        }
        if ((own.signature().quotes() || theirs.signature().quotes())
                && profiler.profile(comment).key().equals(profiler.profile(other).key())) {
            // The same quotation and the same answer to it: a double post, whatever the length of the answer.
            return same(comment, other, own.profile().wordCount());
        }
        if (quotingOnly(comment, own, other, theirs)) {
            return null;
        }
        TextProfile p = own.profile();
        TextProfile q = theirs.profile();
        if (p.key().equals(q.key())) {
            return same(comment, other, p.wordCount());
        }
        if (p.wordCount() < minCopyWords) {
            return null;
        }
        Match near = nearEdit(comment, p, other, q);
        if (near != null && near.score() >= threshold) {
            return near;
        }
        Match wording = wording(comment, own.signature(), other, theirs.signature(), REWORDED_FROM);
        return wording != null && (near == null || wording.score() > near.score()) ? wording : near;
    }

    private Match compareSigned(Comment comment, CopySigner.OwnText own, Comment other, CopySignature theirs) {
        if (theirs.words() == 0 || quotingOnly(comment, own, other, theirs.quotes() && !theirs.onlyQuote(), theirs.words())) {
            return null;
        }
        if (own.signature().exactHash() == theirs.exactHash() && own.signature().words() == theirs.words()) {
            return same(comment, other, theirs.words());
        }
        if (own.signature().words() < minCopyWords) {
            return null;
        }
        // Without the texts a typo is seen only as lost word shingles: a lower bar for the share of shared wording, for
        // a repost by its own author. Someone else's text must share as much wording as when the texts are compared:
        // from signatures alone, other readers' texts around one shared passage (a quotation in a form not recognised
        // as one) reach the lower bar too.
        double bar = Match.Authorship.of(comment.author(), other.author()) == Match.Authorship.SAME
                ? SIGNED_REWORDED_FROM : REWORDED_FROM;
        return wording(comment, own.signature(), other, theirs, bar);
    }

    /**
     * Quoting, not copying: a comment that quotes and says fewer than the minimum copy words of its own, or is
     * compared with one that does (an "Exactly." under a quotation is an answer, however often it is written); and
     * a reply that is nothing but a quotation, compared with the comment it replies to.
     */
    private boolean quotingOnly(Comment comment, CopySigner.OwnText own, Comment other, CopySigner.OwnText theirs) {
        return quotingOnly(comment, own, other, theirs.signature().quotes() && !theirs.signature().onlyQuote(),
                theirs.signature().words());
    }

    private boolean quotingOnly(Comment comment, CopySigner.OwnText own, Comment other, boolean theyQuote, int theirWords) {
        CopySignature mine = own.signature();
        boolean iQuote = mine.quotes() && !mine.onlyQuote();
        return (iQuote && mine.words() < minCopyWords) || (theyQuote && theirWords < minCopyWords)
                || (mine.onlyQuote() && repliesTo(comment, other));
    }

    private static boolean repliesTo(Comment comment, Comment other) {
        return other.commentId() != null && other.commentId().equals(comment.parentId());
    }

    private Match same(Comment comment, Comment other, int words) {
        Match.Authorship who = Match.Authorship.of(comment.author(), other.author());
        if (who == Match.Authorship.SAME) {
            return new Match(other, Match.Kind.SAME_TEXT, 1.0, 1.0, who);
        }
        return words >= minCopyWords
                ? new Match(other, Match.Kind.SAME_TEXT, COPY_BY_OTHER, 1.0, who)
                : new Match(other, Match.Kind.SHORT_REPEAT, SHORT_COMMON_REPLY, 1.0, who);
    }

    /**
     * Copies by wording (word shingles inside sentences, {@link CopySignature}): the same sentences in another order,
     * a copy with some words changed, and containment either way (a copy with sentences added, a passage lifted out
     * of a longer comment) from {@link #MIN_CONTAINED_WORDS} words of the contained text up. Containment of the
     * comment a reply answers is quoting without marks, and not a copy; nor is a bare quotation of it.
     */
    private Match wording(Comment comment, CopySignature mine, Comment other, CopySignature theirs, double rewordedFrom) {
        if (mine.words() < minCopyWords || theirs.words() < minCopyWords) {
            return null;
        }
        boolean repliesToIt = repliesTo(comment, other);
        Match.Authorship who = null;
        Match out = null;
        // Below the containment minimum one changed word is a large share of a text: no rewording there.
        // Sizes first: a Jaccard similarity of J needs shingle counts within a factor J of each other. The size bar
        // stays the texts' own also where signatures lower the wording bar: that lower bar is for a typo's lost
        // shingles, which leave the size as it was; a text with a third more words around a shared part (a reply
        // quoting in a form not recognised as quotation) is no rewording of it.
        int fewer = Math.min(mine.shingleCount(), theirs.shingleCount());
        int more = Math.max(mine.shingleCount(), theirs.shingleCount());
        double j = Math.min(mine.words(), theirs.words()) < MIN_CONTAINED_WORDS
                || fewer < more * Math.max(rewordedFrom, REWORDED_FROM) || !mine.jaccardMayReach(theirs, rewordedFrom) ? 0
                : mine.jaccard(theirs);
        if (j >= rewordedFrom) {
            who = Match.Authorship.of(comment.author(), other.author());
            boolean reordered = mine.sameSentences(theirs);
            double sim = reordered ? 1.0 : j;
            out = new Match(other, reordered ? Match.Kind.REORDERED : Match.Kind.REWORDED, who.adjust(wordingScore(sim, rewordedFrom)),
                    sim, who);
        }
        boolean iAmSmaller = mine.shingleCount() <= theirs.shingleCount();
        CopySignature small = iAmSmaller ? mine : theirs;
        CopySignature large = iAmSmaller ? theirs : mine;
        if (!repliesToIt && small.words() >= Math.max(minCopyWords, MIN_CONTAINED_WORDS)) {
            double c = contained(small, large, iAmSmaller);
            if (c >= MIN_CONTAINMENT) {
                who = who != null ? who : Match.Authorship.of(comment.author(), other.author());
                Match inside = new Match(other, iAmSmaller ? Match.Kind.INSIDE : Match.Kind.CONTAINS,
                        who.adjust(wordingScore(c, MIN_CONTAINMENT)), c, who,
                        iAmSmaller ? mine.words() + " of its " + theirs.words() + " words"
                                : theirs.words() + " words, " + wordsAdded(mine.words() - theirs.words()));
                if (out == null || inside.score() > out.score()) {
                    out = inside;
                }
            }
        }
        return out;
    }

    /**
     * How much of {@code small} is inside {@code large}, as far as it counts as copying, else 0. A shared ending with
     * different openings is a signature, or the answer after a quotation in a form not recognised as one: never
     * containment. A longer text counts as a copy of a shorter one only when it opens with it (a re-post with a
     * sentence and a link added after it); what stands before a contained text is how replies quote what they answer.
     * A shorter text inside a longer one must be whole sentences of it (a lifted sentence or passage).
     */
    private static double contained(CopySignature small, CopySignature large, boolean newIsSmall) {
        if (small.opensLike(large)) {
            return small.containedIn(large);
        }
        if (!newIsSmall || small.endsLike(large)) {
            return 0; // one int comparison each: most pairs end here
        }
        return small.sentencesIn(large);
    }

    /** A share from {@code from} to 1 as a score from just above the default threshold (0.9) to a whole copy's 0.98. */
    private static double wordingScore(double share, double from) {
        return Math.min(COPY_BY_OTHER, 0.9 + (COPY_BY_OTHER - 0.9) * (share - from) / (1 - from));
    }

    private static String wordsAdded(int n) {
        return n <= 0 ? "nothing added" : n == 1 ? "a word added" : n + " words added";
    }

    /** The character-level near-copy check: a few edits, or the end cut off. */
    private Match nearEdit(Comment comment, TextProfile p, Comment other, TextProfile q) {
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
        Match.Authorship who = null;
        Match near = null;
        if (lp >= lq * MIN_NEAR_SIMILARITY && TextSimilarity.diceAtLeast(p.shingles(), q.shingles(), 0.6)) {
            int longer = Math.max(lp, lq);
            // Whole, the cost is characters × (2 × band + 1): two 20,000-character texts with edits spread through
            // them cost 0.35 s a pair, and a thread of near-copies paid it for every earlier one.
            double sim = TextSimilarity.boundedEditSimilarity(p.key(), q.key(), 1 - MIN_NEAR_SIMILARITY, EDIT_WINDOW);
            if (sim >= MIN_NEAR_SIMILARITY) {
                int distance = (int) Math.round((1 - sim) * longer);
                who = Match.Authorship.of(comment.author(), other.author());
                near = new Match(other, Match.Kind.NEAR, who.adjust(sim), sim, who,
                        Match.editSummary(p.wordCount(), q.wordCount(), distance));
            }
        }
        if (lp < lq && TextSimilarity.containmentAtLeast(p.shingles(), q.shingles(), 0.9)) {
            CharSequence head = q.key().subSequence(0, lp);
            double sim = TextSimilarity.boundedEditSimilarity(p.key(), head, 0.05, EDIT_WINDOW);
            if (sim >= 0.95) {
                who = who != null ? who : Match.Authorship.of(comment.author(), other.author());
                Match cut = new Match(other, Match.Kind.TRUNCATED, who.adjust(sim - TRUNCATION_PENALTY), (double) lp / lq, who);
                if (near == null || cut.score() > near.score()) {
                    near = cut;
                }
            }
        }
        return near;
    }
}
