package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.moderation.offtopic.LexicalOverlap.Overlap;
import dev.threadguard.moderation.offtopic.LexicalOverlap.TermMatch;
import dev.threadguard.moderation.text.BoundedCache;
import dev.threadguard.moderation.text.TextProfile;
import dev.threadguard.moderation.text.TextProfiler;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Sentences for a moderator: what the comment is about against what its article (or parent) is about. */
final class OffTopicReasons {
    private static final int STEM_CACHE = 20_000;
    private static final int TITLE_CHARS = 70;

    private final TextProfiler profiler;
    /** Stems of single words, for spelling out terms in reasons. */
    private final BoundedCache<String, List<String>> stems = new BoundedCache<>(STEM_CACHE);

    OffTopicReasons(TextProfiler profiler) {
        this.profiler = profiler;
    }

    String judged(double score, boolean helpRoute, OffTopicFeatures f, Similarities meaning, Overlap overlap,
                  TextProfile comment, Article article) {
        String against = f.reply() ? "its parent, the article (" + title(article) + ")" : "the article (" + title(article) + ")";
        String shares = String.format(Locale.ROOT, "%d%% of its specific content relates to %s or the thread",
                Math.round(100 * Math.max(f.direct(), f.lexThread())), f.reply() ? "the parent, the article" : "the article");
        String similarity = meaning == null ? "" : "; semantic similarity " + meaning.describe();
        String shared = overlap.matched().isEmpty() ? "" : "; shared: " + String.join(", ", surface(comment, overlap.matched()));
        String own = overlap.unmatched().isEmpty() ? "" : String.join(", ", surface(comment, overlap.unmatched()));
        if (score >= 0.5 && helpRoute) {
            // "phrased like": the help route reads the cue model's score, while the SUPPORT_REQUEST flag comes from the
            // model with meaning, which may judge the same comment no request (a reader telling of a fix that worked).
            return "phrased like a personal help request about something " + against + " does not cover: " + shares
                    + similarity + shared;
        }
        if (score >= 0.5) {
            return (own.isEmpty() ? "unrelated to " : "about " + own + ", not the subject of ") + against + ": "
                    + shares + similarity + shared;
        }
        return "related enough to " + against + ": " + shares + similarity + shared;
    }

    String promotion(PromotionCues.Found found, Article article) {
        return "advertising, not discussion: " + found.describe() + " (under the article " + title(article) + ")";
    }

    String threadTalk() {
        return "talks about the conversation itself (a comment under the wrong story, off-topic remarks): "
                + "part of the thread, not judged against the article's subject";
    }

    String otherLanguage(String language, String articleLanguage) {
        return "in another language (" + (language == null ? "another writing system" : language) + ") than its article ("
                + (articleLanguage == null ? "another writing system" : articleLanguage)
                + "): no signal compares topics across these languages";
    }

    /** The article's title (its id without one), quoted and cut to {@value #TITLE_CHARS} characters. */
    static String title(Article article) {
        String t = article.title() == null || article.title().isBlank() ? article.articleId() : article.title().strip();
        return "\"" + (t.length() > TITLE_CHARS ? t.substring(0, TITLE_CHARS) + "…" : t) + "\"";
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
}
