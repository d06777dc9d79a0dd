package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.BoundedCache;
import dev.threadguard.moderation.text.TermWeights;
import dev.threadguard.moderation.text.TextProfile;
import dev.threadguard.moderation.text.TextProfiler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is a comment unrelated to its article and to the conversation it joins?
 *
 * <p>Relatedness is the share of the comment's content terms (Lucene English analysis: stems without stop words),
 * weighted by rarity, that also occur in the article, in the comment it replies to, or in recent comments of the
 * thread. Everyday words weigh little, so "people", "think" or "work" shared by chance prove nothing.
 *
 * <p>Low relatedness is only evidence when there is enough to compare: a four-word reply or a thread whose
 * article is a bare title leave the score near an uncertain prior (below the usual threshold) rather than
 * flagging. The certainty grows with the comment's own content and with the context's.
 *
 * <p>A personal help request is off-topic unless the article (or the comment answered) is about that problem:
 * the support-request score, scaled by how little the request shares with the article and parent, is a second
 * route to the flag.
 *
 * <p>Shared words miss paraphrase ("the council's cycle paths" under "bike lanes") and find chance overlaps. With a
 * {@link SemanticCheck}, comments the word comparison leaves in doubt are also compared by meaning: the cosine
 * similarity of their sentence embedding with the article's, the parent's and the recent thread's (the mean of
 * the thread comments already embedded, topped up with the latest ones). The two kinds of evidence are added as
 * log-odds: the meaning decides, and the word evidence moves its threshold by a few hundredths.
 */
public final class OffTopicDetector {
    private static final Logger log = LoggerFactory.getLogger(OffTopicDetector.class);

    /** Score when the evidence says nothing either way; below any sensible threshold. */
    static final double PRIOR = 0.25;
    /** Relatedness at which unrelatedness has fallen to 1/e. */
    static final double RELATEDNESS_SCALE = 0.1;
    /**
     * Comment content (summed term weight) at which certainty reaches 1 - 1/e. Certainty grows with the square of
     * the content, so a few words stay near the prior however unrelated they look.
     */
    static final double COMMENT_EVIDENCE_SCALE = 4.0;
    /** Context content (summed distinct term weight) at which certainty reaches 1 - 1/e. */
    static final double CONTEXT_EVIDENCE_SCALE = 12.0;
    /** Relatedness to article and parent at which a help request's off-topic weight has fallen to 1/e. */
    static final double SUPPORT_RELATEDNESS_SCALE = 0.25;
    /** Score given when the article is unknown: relatedness cannot be judged. */
    static final double NO_ARTICLE_SCORE = 0.1;
    /** A term used in this many recent comments counts as fully part of the thread's subject. */
    static final int THREAD_FULL_MATCH = 2;
    /**
     * Cosine similarity per unit of log-odds: 0.05 below the similarity threshold makes the meaning evidence
     * e (2.7) to 1 for off-topic.
     */
    static final double SIMILARITY_SCALE = 0.05;
    /** Weight of the word evidence (as log-odds of the lexical score) next to the meaning evidence. */
    static final double LEXICAL_WEIGHT = 0.5;
    /**
     * Thread comments whose embeddings stand for the thread's subject when fewer are cached: the latest ones are
     * embedded to reach this many, so the thread counts from its second comment on without embedding all of it.
     */
    static final int THREAD_SAMPLE = 3;
    private static final int STEM_CACHE = 20_000;

    private final TextProfiler profiler;
    private final int threadWindow;
    private final BoundedCache<String, CachedArticle> articles;
    /** Stems of single words, for spelling out terms in reasons. */
    private final BoundedCache<String, List<String>> stems = new BoundedCache<>(STEM_CACHE);
    private final SemanticCheck semantic;

    /** Shared words only. */
    public OffTopicDetector(TextProfiler profiler, int threadWindow, int articleCacheSize) {
        this(profiler, threadWindow, articleCacheSize, null);
    }

    /** Shared words, and meaning for the comments they leave in doubt; {@code semantic} null means words only. */
    public OffTopicDetector(TextProfiler profiler, int threadWindow, int articleCacheSize, SemanticCheck semantic) {
        this.profiler = profiler;
        this.threadWindow = threadWindow;
        this.articles = new BoundedCache<>(articleCacheSize);
        this.semantic = semantic;
    }

    /** The semantic check, if any (its cache counts the embeddings computed). */
    public java.util.Optional<SemanticCheck> semantic() {
        return java.util.Optional.ofNullable(semantic);
    }

    /**
     * @param article      the article, or null when unknown
     * @param parent       the comment replied to, or null
     * @param earlier      the thread's earlier comments, oldest first
     * @param supportScore the support-request score of the same comment, in [0, 1]
     */
    public OffTopicFinding detect(Comment comment, Article article, Comment parent, List<Comment> earlier, double supportScore) {
        return detect(comment, article, parent, earlier, supportScore, 0.0);
    }

    /**
     * As {@link #detect(Comment, Article, Comment, List, double)}, with a reason only for a score from
     * {@code reasonFrom} up: naming the terms costs a word-by-word analysis, wasted on a verdict that shows no reason.
     */
    public OffTopicFinding detect(Comment comment, Article article, Comment parent, List<Comment> earlier, double supportScore,
                                  double reasonFrom) {
        if (article == null) {
            return new OffTopicFinding(NO_ARTICLE_SCORE, 0.0, "article not available yet: relatedness to it not judged");
        }
        TermWeights weights = profiler.weights();
        ArticleProfile ap = articleProfile(article);
        TextProfile cp = profiler.profile(comment);
        TextProfile pp = parent == null ? null : profiler.profile(parent);
        List<TextProfile> recent = recentProfiles(comment, parent, earlier);

        double mass = 0;
        double related = 0;
        double relatedToArticleOrParent = 0;
        double contextSubstance = ap.substance();
        List<TermMatch> unmatched = new ArrayList<>();
        List<TermMatch> matched = new ArrayList<>();
        for (String term : cp.termCounts().keySet()) {
            double w = weights.weight(term);
            double direct = ap.vocabulary().contains(term) || (pp != null && pp.termCounts().containsKey(term)) ? 1.0 : 0.0;
            // The thread only counts up to a full match, and not at all when the article or parent match already.
            int uses = 0;
            long bit = TextProfile.termBit(term);
            for (int i = 0; direct < 1.0 && uses < THREAD_FULL_MATCH && i < recent.size(); i++) {
                TextProfile r = recent.get(i);
                if (r.mayContain(bit) && r.termCounts().containsKey(term)) {
                    uses++;
                }
            }
            double thread = Math.min(1.0, (double) uses / THREAD_FULL_MATCH);
            double match = Math.max(direct, thread);
            mass += w;
            related += w * match;
            relatedToArticleOrParent += w * direct;
            (match > 0 ? matched : unmatched).add(new TermMatch(term, w));
        }
        contextSubstance += pp == null ? 0 : pp.substance();
        for (TextProfile r : recent) {
            contextSubstance += 0.5 * r.substance();
        }

        double relatedness = mass == 0 ? 0 : related / mass;
        double unrelatedness = Math.exp(-relatedness / RELATEDNESS_SCALE);
        double certainty = (1 - Math.exp(-Math.pow(mass / COMMENT_EVIDENCE_SCALE, 2))) * (1 - Math.exp(-contextSubstance / CONTEXT_EVIDENCE_SCALE));
        double lexical = PRIOR + certainty * (unrelatedness - PRIOR);

        double articleRelatedness = mass == 0 ? 0 : relatedToArticleOrParent / mass;
        double helpElsewhere = supportScore * Math.exp(-articleRelatedness / SUPPORT_RELATEDNESS_SCALE);

        double score = clamp(Math.max(lexical, helpElsewhere));
        if (semantic != null && semantic.applies(score, supportScore)) {
            Meaning meaning = meaning(comment, article, parent, earlier);
            if (meaning != null) {
                // Being near the article's subject does not make a reader's own problem the article's subject (a
                // help request about a Skype icon under a story on Skype's data centres): the word-based help route
                // keeps its say, and the meaning can only add to it.
                double combined = Math.max(combine(meaning.closest(), score), helpElsewhere);
                String reason = combined < reasonFrom ? null
                        : explainMeaning(combined, helpElsewhere >= combined, meaning, relatedness, cp, matched, unmatched);
                return new OffTopicFinding(combined, relatedness, reason);
            }
        }
        String reason = score < reasonFrom ? null
                : explain(score, lexical, helpElsewhere, relatedness, mass, certainty, cp, matched, unmatched);
        return new OffTopicFinding(score, relatedness, reason);
    }

    /**
     * Meaning evidence (how far the closest similarity lies below the threshold) plus word evidence (the lexical
     * score as log-odds, weighted), back to a probability-like score: 0.5 where the two balance.
     */
    private double combine(double closest, double lexicalScore) {
        double l = Math.max(0.01, Math.min(0.99, lexicalScore));
        double logOdds = (semantic.similarityThreshold() - closest) / SIMILARITY_SCALE + LEXICAL_WEIGHT * Math.log(l / (1 - l));
        return 1 / (1 + Math.exp(-logOdds));
    }

    /**
     * Similarities of the comment's embedding with the article's, the parent's and the thread's, or null when
     * the comment cannot be embedded (no text) or the model fails: then the words alone decide, and the service
     * goes on.
     */
    private Meaning meaning(Comment comment, Article article, Comment parent, List<Comment> earlier) {
        EmbeddingCache cache = semantic.embeddings();
        try {
            float[] self = cache.comment(comment);
            if (self == null) {
                return null;
            }
            float[] a = cache.article(article);
            float[] p = parent == null ? null : cache.comment(parent);
            float[] thread = threadCentroid(comment, parent, earlier, cache);
            Meaning m = new Meaning(
                    a == null ? Double.NaN : SentenceEmbedder.similarity(self, a),
                    p == null ? Double.NaN : SentenceEmbedder.similarity(self, p),
                    thread == null ? Double.NaN : cosine(self, thread));
            return m.measurable() ? m : null;
        } catch (RuntimeException e) {
            log.warn("comment {} of article {}: the sentence-embedding model failed ({}); judged on shared words only",
                    comment.commentId(), comment.articleId(), e.toString());
            return null;
        }
    }

    /**
     * The mean embedding of the recent thread (without the comment itself and its parent): every comment of the
     * window already embedded, topped up with the latest others up to {@link #THREAD_SAMPLE}; null when the
     * thread has no other comment.
     */
    private float[] threadCentroid(Comment comment, Comment parent, List<Comment> earlier, EmbeddingCache cache) {
        float[] sum = null;
        int used = 0;
        List<Comment> uncached = new ArrayList<>();
        int seen = 0;
        for (int i = earlier.size() - 1; i >= 0 && seen < threadWindow; i--) {
            Comment e = earlier.get(i);
            if (Objects.equals(e.commentId(), comment.commentId()) || (parent != null && Objects.equals(e.commentId(), parent.commentId()))) {
                continue;
            }
            seen++;
            float[] v = cache.cachedComment(e);
            if (v == null) {
                uncached.add(e);
                continue;
            }
            sum = add(sum, v);
            used++;
        }
        for (int i = 0; i < uncached.size() && used < THREAD_SAMPLE; i++) {
            float[] v = cache.comment(uncached.get(i));
            if (v != null) {
                sum = add(sum, v);
                used++;
            }
        }
        return sum;
    }

    private static float[] add(float[] sum, float[] v) {
        float[] out = sum == null ? new float[v.length] : sum;
        for (int i = 0; i < v.length; i++) {
            out[i] += v[i];
        }
        return out;
    }

    private static double cosine(float[] unit, float[] v) {
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            dot += unit[i] * v[i];
            norm += v[i] * v[i];
        }
        return norm == 0 ? 0 : dot / Math.sqrt(norm);
    }

    private String explainMeaning(double score, boolean helpRequest, Meaning m, double relatedness, TextProfile cp,
                                  List<TermMatch> matched, List<TermMatch> unmatched) {
        String similarities = m.describe();
        String words = "; shared words: " + (matched.isEmpty() ? "none" : String.join(", ", surface(cp, matched)));
        if (score >= 0.5 && helpRequest) {
            return String.format(Locale.ROOT, "a personal help request about something the article does not cover: only %d%% "
                    + "of its content words relate to the article or the thread; semantic similarity %s%s",
                    Math.round(relatedness * 100), similarities, words);
        }
        if (score >= 0.5) {
            return "unrelated to the article and the thread: semantic similarity " + similarities + words
                    + (unmatched.isEmpty() ? "" : "; its own subject: " + String.join(", ", surface(cp, unmatched)));
        }
        return String.format(Locale.ROOT, "close enough in meaning to the article or the thread (semantic similarity %s) although "
                + "only %d%% of its content words relate to them", similarities, Math.round(relatedness * 100));
    }

    /** The comment's own spelling of its heaviest terms (stems such as "recip" read badly), four at most. */
    private List<String> surface(TextProfile cp, List<TermMatch> terms) {
        List<TermMatch> top = terms.stream()
                .sorted(Comparator.comparingDouble(TermMatch::weight).reversed().thenComparing(TermMatch::term))
                .limit(4).toList();
        Map<String, String> spelling = new HashMap<>();
        for (String word : cp.normalized().split(" ")) {
            if (word.isEmpty() || spelling.size() > 200) {
                continue;
            }
            for (String stem : stems.get(word, profiler.analyzer()::terms)) {
                spelling.putIfAbsent(stem, word);
            }
        }
        return top.stream().map(t -> "\"" + spelling.getOrDefault(t.term(), t.term()) + "\"").toList();
    }

    /** Cosine similarities with the article, the parent and the thread; NaN where there was nothing to compare. */
    private record Meaning(double article, double parent, double thread) {
        boolean measurable() {
            return !Double.isNaN(article) || !Double.isNaN(parent) || !Double.isNaN(thread);
        }

        double closest() {
            double best = Double.NEGATIVE_INFINITY;
            for (double s : new double[] {article, parent, thread}) {
                if (!Double.isNaN(s)) {
                    best = Math.max(best, s);
                }
            }
            return best == Double.NEGATIVE_INFINITY ? 0 : best;
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            part(parts, article, "article");
            part(parts, parent, "parent");
            part(parts, thread, "thread");
            return parts.isEmpty() ? "not measurable" : String.join(", ", parts);
        }

        private static void part(List<String> parts, double s, String what) {
            if (!Double.isNaN(s)) {
                parts.add(String.format(Locale.ROOT, "%.2f (%s)", s, what));
            }
        }
    }

    private String explain(double score, double lexical, double helpElsewhere, double relatedness, double mass,
                           double certainty, TextProfile cp, List<TermMatch> matched, List<TermMatch> unmatched) {
        if (score < PRIOR + 0.1 && certainty >= 0.3) {
            return null;
        }
        if (helpElsewhere > lexical) {
            return String.format(Locale.ROOT, "a personal help request about something the article does not cover "
                    + "(%d%% of its content relates to the article or thread%s)", Math.round(relatedness * 100), examples(cp, matched, "shared"));
        }
        if (score > PRIOR) {
            return String.format(Locale.ROOT, "little in common with the article and the thread: %d%% of its content relates to them%s%s",
                    Math.round(relatedness * 100), examples(cp, unmatched, "unrelated"), examples(cp, matched, "shared"));
        }
        if (mass < COMMENT_EVIDENCE_SCALE) {
            return "too little content to judge relatedness";
        }
        return null;
    }

    private String examples(TextProfile cp, List<TermMatch> terms, String label) {
        return terms.isEmpty() ? "" : "; " + label + ": " + String.join(", ", surface(cp, terms));
    }

    /** The last {@code threadWindow} earlier comments except the parent (already counted) and the comment itself. */
    private List<TextProfile> recentProfiles(Comment comment, Comment parent, List<Comment> earlier) {
        List<TextProfile> out = new ArrayList<>(Math.min(threadWindow, earlier.size()));
        for (int i = earlier.size() - 1; i >= 0 && out.size() < threadWindow; i--) {
            Comment e = earlier.get(i);
            if (Objects.equals(e.commentId(), comment.commentId()) || (parent != null && Objects.equals(e.commentId(), parent.commentId()))) {
                continue;
            }
            out.add(profiler.profile(e));
        }
        return out;
    }

    /**
     * The article's analysis, cached by id and checked against its title, body and tags: the service reads the
     * article afresh for every comment, and comparing the texts with the cached ones is cheaper than hashing them.
     */
    private ArticleProfile articleProfile(Article article) {
        CachedArticle cached = articles.getIfPresent(article.articleId());
        if (cached != null && cached.sameContent(article)) {
            return cached.profile();
        }
        ArticleProfile profile = profileArticle(article);
        articles.put(article.articleId(), new CachedArticle(article.title(), article.body(), article.tags(), profile));
        return profile;
    }

    private record CachedArticle(String title, String body, List<String> tags, ArticleProfile profile) {
        boolean sameContent(Article a) {
            return Objects.equals(body, a.body()) && Objects.equals(title, a.title()) && Objects.equals(tags, a.tags());
        }
    }

    private ArticleProfile profileArticle(Article article) {
        StringBuilder text = new StringBuilder();
        text.append(nullToEmpty(article.title())).append('\n').append(nullToEmpty(article.body()));
        for (String tag : article.tags()) {
            text.append('\n').append(tag);
        }
        List<String> terms = profiler.analyzer().terms(text.toString());
        Map<String, Integer> counts = new HashMap<>();
        terms.forEach(t -> counts.merge(t, 1, Integer::sum));
        double substance = 0;
        for (String t : counts.keySet()) {
            substance += profiler.weights().weight(t);
        }
        return new ArticleProfile(counts.keySet(), substance);
    }


    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static double clamp(double x) {
        return Math.max(0.0, Math.min(1.0, x));
    }

    private record TermMatch(String term, double weight) {
    }

}
