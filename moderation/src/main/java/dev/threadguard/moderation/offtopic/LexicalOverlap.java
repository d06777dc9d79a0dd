package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.TermWeights;
import dev.threadguard.moderation.text.TextProfile;
import dev.threadguard.moderation.text.TextProfiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How much of a comment's subject its article, its parent and its recent thread share, by content terms weighted by
 * specificity: a topic-specific term ("visa", "lanes") weighs 1, an everyday word ("work", "people") or a word of
 * the practical register that turns up under any subject ("required", "price", {@link GenericWords}) weighs
 * {@link #GENERIC}, a number or fragment {@link #FRAGMENT}. Shared everyday words therefore prove almost nothing.
 */
final class LexicalOverlap {
    /** Weight of an everyday or practical-register term. */
    static final double GENERIC = 0.08;
    /** Weight of a number or a term of one or two letters. */
    static final double FRAGMENT = 0.05;
    /** A term used in this many recent comments counts as fully part of the thread's subject. */
    static final int THREAD_FULL_MATCH = 2;

    private final TextProfiler profiler;
    private final GenericWords generic;

    LexicalOverlap(TextProfiler profiler, GenericWords generic) {
        this.profiler = profiler;
        this.generic = generic;
    }

    /**
     * @param article  the article's terms
     * @param parent   the parent's profile, or null
     * @param recent   recent thread comments (without the comment and its parent), latest first
     */
    Overlap measure(TextProfile comment, ArticleProfile article, TextProfile parent, List<TextProfile> recent) {
        double mass = 0;
        double withArticle = 0;
        double withParent = 0;
        double withThread = 0;
        List<TermMatch> matched = new ArrayList<>();
        List<TermMatch> unmatched = new ArrayList<>();
        for (String term : comment.termCounts().keySet()) {
            double w = specificity(term);
            boolean inArticle = article.vocabulary().contains(term);
            boolean inParent = parent != null && parent.termCounts().containsKey(term);
            int uses = 0;
            long bit = TextProfile.termBit(term);
            for (int i = 0; uses < THREAD_FULL_MATCH && i < recent.size(); i++) {
                TextProfile r = recent.get(i);
                if (r.mayContain(bit) && r.termCounts().containsKey(term)) {
                    uses++;
                }
            }
            double thread = Math.min(1.0, (double) uses / THREAD_FULL_MATCH);
            mass += w;
            withArticle += inArticle ? w : 0;
            withParent += inParent ? w : 0;
            withThread += w * thread;
            (inArticle || inParent || thread > 0 ? matched : unmatched).add(new TermMatch(term, w));
        }
        double contextMass = article.substance();
        contextMass += parent == null ? 0 : parent.substance();
        for (TextProfile r : recent) {
            contextMass += 0.5 * r.substance();
        }
        return mass == 0
                ? new Overlap(0, 0, 0, 0, contextMass, matched, unmatched)
                : new Overlap(withArticle / mass, withParent / mass, withThread / mass, mass, contextMass, matched, unmatched);
    }

    /** The weight of a content term: 1 when topic-specific, less when it occurs under any subject. */
    double specificity(String term) {
        TermWeights weights = profiler.weights();
        double w = weights.weight(term);
        if (w <= TermWeights.FRAGMENT) {
            return FRAGMENT;
        }
        return weights.everyday(term) || generic.contains(term) ? GENERIC : 1.0;
    }

    /** The last {@code window} earlier comments except the parent and the comment itself, latest first. */
    static List<Comment> recent(Comment comment, Comment parent, List<Comment> earlier, int window) {
        List<Comment> out = new ArrayList<>(Math.min(window, earlier.size()));
        for (int i = earlier.size() - 1; i >= 0 && out.size() < window; i--) {
            Comment e = earlier.get(i);
            if (Objects.equals(e.commentId(), comment.commentId())
                    || (parent != null && Objects.equals(e.commentId(), parent.commentId()))) {
                continue;
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Shares of the comment's specific content found in each context, in [0, 1].
     *
     * @param mass        the comment's summed term specificity (about its number of topic-specific terms)
     * @param contextMass how much the context says (article, parent and half of each recent comment)
     */
    record Overlap(double article, double parent, double thread, double mass, double contextMass,
                   List<TermMatch> matched, List<TermMatch> unmatched) {
    }

    record TermMatch(String term, double weight) {
    }
}
