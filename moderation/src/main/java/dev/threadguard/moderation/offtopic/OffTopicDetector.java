package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.language.LanguageIdentifier;
import dev.threadguard.moderation.language.WritingSystem;
import dev.threadguard.moderation.offtopic.LexicalOverlap.Overlap;
import dev.threadguard.moderation.text.TermWeights;
import dev.threadguard.moderation.text.TextProfile;
import dev.threadguard.moderation.text.TextProfiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is a comment unrelated to its article and to the conversation it joins?
 *
 * <p>In order: advertising ({@link PromotionCues}: a link with an earnings pitch, a call to contact the poster,
 * sales talk, or a bare link) is off-topic whatever words of the article it opens with; talk about the
 * conversation itself ({@link ThreadTalk}, "wrong story") is not. A comment in another writing system than its
 * article is not judged (abstains with a low score and says so), nor one the language identifier finds in another
 * language before it would be flagged. Everything else is scored by a logistic regression ({@link OffTopicModel})
 * over {@link OffTopicFeatures}: the share of the comment's specific content (everyday and practical-register words
 * weigh little, {@link LexicalOverlap}) found in the article, the parent and the recent thread; the cosine
 * similarities of its vector ({@link TextVectors}) with theirs ({@link Similarities}); how much the comment and
 * its context say; and its support-request score, which makes a help request off-topic where the article is about
 * something else. A reply is weighed against its parent as much as against the article.
 */
public final class OffTopicDetector {
    private static final Logger log = LoggerFactory.getLogger(OffTopicDetector.class);

    /** Score given when the article is unknown: relatedness cannot be judged. */
    static final double NO_ARTICLE_SCORE = 0.1;
    /** Score of a comment not judged for its language, or talking about the thread itself. */
    static final double NOT_JUDGED_SCORE = 0.1;
    /** Score of advertising: above any sensible threshold, below certainty (a real reader can sound like an ad). */
    static final double PROMOTION_SCORE = 0.9;
    /** Score from which a Latin-script comment's language is checked against its Latin-script article's. */
    static final double LANGUAGE_CHECK_FROM = 0.3;
    /**
     * A bare link counts as a cited source only when the words of its address score below this: plainly related,
     * well under the flag threshold, since the link itself is the spammer's usual form.
     */
    static final double CITATION_BELOW = 0.3;
    /**
     * ... and when at least this share of their specific content is found in the article, the parent or the recent
     * thread: the model alone cannot clear a link, since it scores any few words low (they say little).
     */
    static final double CITATION_RELATED = 0.3;

    private final LanguageIdentifier languages = new LanguageIdentifier(TermWeights.functionWords());
    private final TextProfiler profiler;
    private final int threadWindow;
    private final ArticleProfiles articles;
    private final LexicalOverlap lexical;
    private final PromotionCues promotion = new PromotionCues();
    private final ThreadTalk threadTalk = new ThreadTalk();
    private final OffTopicReasons reasons;
    private final SemanticCheck semantic;
    private final OtherArticles others;

    /** Shared words only. */
    public OffTopicDetector(TextProfiler profiler, int threadWindow, int articleCacheSize) {
        this(profiler, threadWindow, articleCacheSize, null);
    }

    /** Shared words and meaning; {@code semantic} null means words only. */
    public OffTopicDetector(TextProfiler profiler, int threadWindow, int articleCacheSize, SemanticCheck semantic) {
        this.profiler = profiler;
        this.threadWindow = threadWindow;
        this.articles = new ArticleProfiles(profiler, languages, articleCacheSize);
        this.lexical = new LexicalOverlap(profiler, GenericWords.load(profiler.analyzer()));
        this.reasons = new OffTopicReasons(profiler);
        this.semantic = semantic;
        this.others = new OtherArticles(OtherArticles.RECENT);
    }

    /**
     * Records an article as one of the recent subjects a comment may be closer to than to its own (the topology
     * calls it for every article event; judging a comment also notes its article).
     */
    public void noteArticle(Article article) {
        others.note(article);
    }

    /** Forgets a deleted article. */
    public void forgetArticle(String articleId) {
        others.forget(articleId);
    }

    /** The semantic check, if any (its cache counts the vectors computed). */
    public Optional<SemanticCheck> semantic() {
        return Optional.ofNullable(semantic);
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
     * {@code reasonFrom} up (and always for an abstention): naming the terms costs a word-by-word analysis, wasted
     * on a verdict that shows no reason.
     */
    public OffTopicFinding detect(Comment comment, Article article, Comment parent, List<Comment> earlier, double supportScore,
                                  double reasonFrom) {
        return detect(comment, article, parent, earlier, supportScore, reasonFrom, true, Pass.WHOLE);
    }

    /**
     * The hot path's judgement: as {@link #detect(Comment, Article, Comment, List, double, double)} without the
     * hybrid check's transformer. Where the hybrid would consult it, the finding is the static vectors' and says
     * {@link OffTopicFinding#secondOpinion()}: the full {@code detect} with the same inputs gives the final one.
     * Without a transformer in the check, the same as {@code detect}.
     */
    public OffTopicFinding detectFirst(Comment comment, Article article, Comment parent, List<Comment> earlier,
                                       double supportScore, double reasonFrom) {
        return detect(comment, article, parent, earlier, supportScore, reasonFrom, true, Pass.FIRST);
    }

    /**
     * The second opinion on a finding {@link #detectFirst} left provisional: the whole check, transformer included,
     * except that the article is not noted again as a recent subject ({@link #noteArticle}): the first pass noted it,
     * and the version carried to the second opinion may be older than the one noted since. The other recent articles
     * it compares with are those known when it runs, which in a running service can be a few more than the first
     * pass knew.
     */
    public OffTopicFinding detectSecond(Comment comment, Article article, Comment parent, List<Comment> earlier,
                                        double supportScore, double reasonFrom) {
        return detect(comment, article, parent, earlier, supportScore, reasonFrom, true, Pass.SECOND);
    }

    /** Which pass of the hybrid check: both stages at once, the hot path's, or the second opinion's. */
    private enum Pass {
        WHOLE(true, true), FIRST(true, false), SECOND(false, true);

        final boolean notes;
        final boolean transformer;

        Pass(boolean notes, boolean transformer) {
            this.notes = notes;
            this.transformer = transformer;
        }
    }

    /**
     * @param promotionFirst false for a bare link's words judged as a citation: they are never looked at as a link again
     * @param pass           {@link Pass#FIRST} leaves the hybrid's transformer out and marks the finding for a second
     *                       opinion; {@link Pass#SECOND} does not note the article
     */
    private OffTopicFinding detect(Comment comment, Article article, Comment parent, List<Comment> earlier,
                                   double supportScore, double reasonFrom, boolean promotionFirst, Pass pass) {
        if (article == null) {
            return OffTopicFinding.abstain(NO_ARTICLE_SCORE, "article not available yet: relatedness to it not judged");
        }
        String text = comment.fullText() == null ? "" : comment.fullText();
        ArticleProfile ap = articles.of(article);
        if (pass.notes) {
            others.note(article);
        }
        PromotionCues.Found promo = promotionFirst ? promotion.find(text) : PromotionCues.Found.NONE;
        if (promo.promotion()) {
            OffTopicFinding promoted = new OffTopicFinding(PROMOTION_SCORE, 0.0, reasons.promotion(promo, article));
            return promo.bareLinkOnly()
                    ? citation(comment, article, parent, earlier, supportScore, reasonFrom, pass, promoted)
                    : promoted;
        }
        WritingSystem system = WritingSystem.of(text);
        if (system != WritingSystem.NONE && ap.system() != WritingSystem.NONE && system != ap.system()) {
            return OffTopicFinding.abstain(NOT_JUDGED_SCORE, reasons.otherLanguage(languages.identify(text), ap.language()));
        }
        if (threadTalk.about(text)) {
            return new OffTopicFinding(NOT_JUDGED_SCORE, 0.0, reasonFrom <= NOT_JUDGED_SCORE ? reasons.threadTalk() : null);
        }

        TextProfile cp = profiler.profile(comment);
        TextProfile pp = parent == null ? null : profiler.profile(parent);
        List<Comment> recent = LexicalOverlap.recent(comment, parent, earlier, threadWindow);
        List<TextProfile> recentProfiles = new ArrayList<>(recent.size());
        recent.forEach(c -> recentProfiles.add(profiler.profile(c)));
        Overlap overlap = lexical.measure(cp, ap, pp, recentProfiles);

        OffTopicFeatures words = features(overlap, null, parent != null, supportScore);
        Similarities meaning = null;
        OffTopicFeatures f = words;
        double model = OffTopicModel.WORDS_ONLY.score(words);
        boolean deferred = false;
        if (semantic != null && semantic.applies(model, supportScore)) {
            meaning = similarities(semantic.embeddings(), comment, article, parent, recent);
            if (meaning != null) {
                f = features(overlap, meaning, parent != null, supportScore);
                model = OffTopicModel.of(semantic.embeddings().embedder(), f).score(f);
            }
            // Hybrid: the transformer only where the static score does not already say "plainly on-topic".
            // On the hot path (Pass.FIRST) that is left to the second opinion.
            boolean refines = semantic.refines(Math.max(model, f.helpElsewhere()), supportScore);
            deferred = refines && !pass.transformer;
            if (refines && pass.transformer) {
                Similarities refined = similarities(semantic.transformer(), comment, article, parent, recent);
                if (refined != null) {
                    meaning = refined;
                    f = features(overlap, refined, parent != null, supportScore);
                    model = OffTopicModel.of(semantic.transformer().embedder(), f).score(f);
                }
            }
        }
        double help = f.helpElsewhere();
        double score = Math.max(model, help);
        double relatedness = Math.max(f.direct(), f.lexThread());
        // The identifier (about 100 µs) runs only for a comment that would count as off-topic, or that does not
        // read as plain English under an English article; the rest are plainly in their article's language.
        if (system == WritingSystem.LATIN && ap.language() != null && (score >= LANGUAGE_CHECK_FROM
                || ("en".equals(ap.language()) && !languages.plainlyEnglish(text)))) {
            String language = languages.identify(text);
            if (language != null && !language.equals(ap.language())) {
                return OffTopicFinding.abstain(NOT_JUDGED_SCORE, reasons.otherLanguage(language, ap.language()))
                        .secondOpinion(deferred);
            }
        }
        String reason = score < reasonFrom ? null : reasons.judged(score, help >= model || f.support() >= 0.5, f, meaning, overlap, cp, article);
        return new OffTopicFinding(score, relatedness, reason).secondOpinion(deferred);
    }

    /**
     * A bare link judged as a reader citing a source: the words its address names, scored as the comment's text.
     * Advertising after all when the address reads as commercial or names too little, when those words are
     * not plainly related to the thread (score from {@link #CITATION_BELOW}, or less than {@link #CITATION_RELATED}
     * of them found there), or when they could not be judged (another language): an unrelated or opaque bare link is
     * the spammer's form. Either way provisional when the words' judgement was ({@link Pass#FIRST}): the
     * transformer may clear words the static vectors do not, or the other way round.
     *
     * @param promoted the finding as advertising, returned when the link is not a citation
     */
    private OffTopicFinding citation(Comment comment, Article article, Comment parent, List<Comment> earlier,
                                     double supportScore, double reasonFrom, Pass pass, OffTopicFinding promoted) {
        String words = PromotionCues.citedWords(comment.fullText());
        if (words == null) {
            return promoted;
        }
        Comment asWords = new Comment(comment.commentId(), comment.articleId(), comment.parentId(), comment.author(),
                null, words, comment.postedAt(), comment.site());
        OffTopicFinding judged = detect(asWords, article, parent, earlier, supportScore, reasonFrom, false, pass);
        // Few words say little, so the model scores them low whatever they are: relatedness must be shown, by words.
        if (judged.abstained() || judged.score() >= CITATION_BELOW || judged.relatedness() < CITATION_RELATED) {
            return promoted.secondOpinion(judged.secondOpinion());
        }
        return new OffTopicFinding(judged.score(), judged.relatedness(), judged.reason() == null ? null
                : "a link citing a source: its address (" + words + ") " + judged.reason(), false,
                judged.secondOpinion());
    }

    /**
     * The part of {@code earlier} a judgement of {@code comment} reads (the latest {@code threadWindow}, without the
     * comment and its parent), oldest first: given as {@code earlier} again, it gives the same judgement.
     */
    public List<Comment> recentContext(Comment comment, Comment parent, List<Comment> earlier) {
        List<Comment> recent = new ArrayList<>(LexicalOverlap.recent(comment, parent, earlier, threadWindow));
        java.util.Collections.reverse(recent);
        return recent;
    }

    /**
     * The model's inputs for a comment (for fitting the weights: see OffTopicModel), measured with the transformer
     * in a hybrid check, or null without article.
     */
    public OffTopicFeatures features(Comment comment, Article article, Comment parent, List<Comment> earlier, double supportScore) {
        if (article == null) {
            return null;
        }
        ArticleProfile ap = articles.of(article);
        others.note(article);
        TextProfile cp = profiler.profile(comment);
        TextProfile pp = parent == null ? null : profiler.profile(parent);
        List<Comment> recent = LexicalOverlap.recent(comment, parent, earlier, threadWindow);
        List<TextProfile> recentProfiles = new ArrayList<>(recent.size());
        recent.forEach(c -> recentProfiles.add(profiler.profile(c)));
        Overlap overlap = lexical.measure(cp, ap, pp, recentProfiles);
        EmbeddingCache vectors = semantic == null ? null
                : semantic.transformer() != null ? semantic.transformer() : semantic.embeddings();
        Similarities meaning = vectors == null ? null : similarities(vectors, comment, article, parent, recent);
        return features(overlap, meaning, parent != null, supportScore);
    }

    private static OffTopicFeatures features(Overlap o, Similarities s, boolean reply, double support) {
        return new OffTopicFeatures(o.article(), o.parent(), o.thread(), o.mass(), o.contextMass(),
                s == null ? Double.NaN : s.article(), s == null ? Double.NaN : s.parent(),
                s == null ? Double.NaN : s.thread(), s == null ? Double.NaN : s.nearest(),
                s == null ? Double.NaN : s.siblingsToArticle(), s == null ? Double.NaN : s.otherArticle(), reply, support);
    }

    /** The similarities, or null when the comment has no vector or the model fails: then the words alone decide. */
    private Similarities similarities(EmbeddingCache vectors, Comment comment, Article article, Comment parent,
                                      List<Comment> recent) {
        try {
            return Similarities.of(vectors, comment, article, parent, recent, others);
        } catch (RuntimeException e) {
            log.warn("comment {} of article {}: the text-vector model failed ({}); judged on shared words only",
                    comment.commentId(), comment.articleId(), e.toString());
            return null;
        }
    }
}
