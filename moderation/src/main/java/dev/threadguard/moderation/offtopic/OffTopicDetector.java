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
 */
public final class OffTopicDetector {
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

    private final TextProfiler profiler;
    private final int threadWindow;
    private final BoundedCache<ArticleKey, ArticleProfile> articles;

    public OffTopicDetector(TextProfiler profiler, int threadWindow, int articleCacheSize) {
        this.profiler = profiler;
        this.threadWindow = threadWindow;
        this.articles = new BoundedCache<>(articleCacheSize);
    }

    /**
     * @param article      the article, or null when unknown
     * @param parent       the comment replied to, or null
     * @param earlier      the thread's earlier comments, oldest first
     * @param supportScore the support-request score of the same comment, in [0, 1]
     */
    public OffTopicFinding detect(Comment comment, Article article, Comment parent, List<Comment> earlier, double supportScore) {
        if (article == null) {
            return new OffTopicFinding(NO_ARTICLE_SCORE, 0.0, "article not available yet: relatedness to it not judged");
        }
        TermWeights weights = profiler.weights();
        ArticleProfile ap = articles.get(ArticleKey.of(article), k -> profileArticle(article));
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
            int uses = 0;
            for (TextProfile r : recent) {
                if (r.termCounts().containsKey(term)) {
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
        String reason = explain(score, lexical, helpElsewhere, relatedness, mass, certainty, matched, unmatched);
        return new OffTopicFinding(score, relatedness, reason);
    }

    private String explain(double score, double lexical, double helpElsewhere, double relatedness, double mass,
                           double certainty, List<TermMatch> matched, List<TermMatch> unmatched) {
        if (score < PRIOR + 0.1 && certainty >= 0.3) {
            return null;
        }
        if (helpElsewhere > lexical) {
            return String.format(Locale.ROOT, "a personal help request about something the article does not cover "
                    + "(%d%% of its content relates to the article or thread%s)", Math.round(relatedness * 100), examples(matched, "shared"));
        }
        if (score > PRIOR) {
            return String.format(Locale.ROOT, "little in common with the article and the thread: %d%% of its content relates to them%s%s",
                    Math.round(relatedness * 100), examples(unmatched, "unrelated"), examples(matched, "shared"));
        }
        if (mass < COMMENT_EVIDENCE_SCALE) {
            return "too little content to judge relatedness";
        }
        return null;
    }

    private static String examples(List<TermMatch> terms, String label) {
        if (terms.isEmpty()) {
            return "";
        }
        List<String> top = terms.stream()
                .sorted(Comparator.comparingDouble(TermMatch::weight).reversed().thenComparing(TermMatch::term))
                .limit(4).map(t -> "\"" + t.term() + "\"").toList();
        return "; " + label + ": " + String.join(", ", top);
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

    /** Cache key: the article id plus a hash of its content, so an updated article is analysed again. */
    private record ArticleKey(String articleId, int contentHash) {
        static ArticleKey of(Article a) {
            return new ArticleKey(a.articleId(), Objects.hash(a.title(), a.body(), a.tags()));
        }
    }
}
