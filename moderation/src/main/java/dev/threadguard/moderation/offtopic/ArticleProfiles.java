package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.moderation.language.LanguageIdentifier;
import dev.threadguard.moderation.language.WritingSystem;
import dev.threadguard.moderation.text.BoundedCache;
import dev.threadguard.moderation.text.TextProfiler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Articles' analyses, cached by id and checked against title, body and tags: the service reads the article afresh
 * for every comment, and comparing the texts with the cached ones is cheaper than hashing them. Thread-safe.
 */
final class ArticleProfiles {
    private final TextProfiler profiler;
    private final BoundedCache<String, Cached> cache;

    private final LanguageIdentifier languages;

    ArticleProfiles(TextProfiler profiler, LanguageIdentifier languages, int capacity) {
        this.profiler = profiler;
        this.languages = languages;
        this.cache = new BoundedCache<>(capacity);
    }

    ArticleProfile of(Article article) {
        Cached cached = cache.getIfPresent(article.articleId());
        if (cached != null && cached.sameContent(article)) {
            return cached.profile();
        }
        ArticleProfile profile = analyse(article);
        cache.put(article.articleId(), new Cached(article.title(), article.body(), article.tags(), profile));
        return profile;
    }

    private ArticleProfile analyse(Article article) {
        StringBuilder text = new StringBuilder();
        text.append(nullToEmpty(article.title())).append('\n').append(nullToEmpty(article.body()));
        for (String tag : article.tags()) {
            text.append('\n').append(tag);
        }
        String joined = text.toString();
        List<String> terms = profiler.analyzer().terms(joined);
        Map<String, Integer> counts = new HashMap<>();
        terms.forEach(t -> counts.merge(t, 1, Integer::sum));
        double substance = 0;
        for (String t : counts.keySet()) {
            substance += profiler.weights().weight(t);
        }
        return new ArticleProfile(counts.keySet(), substance, joined, WritingSystem.of(joined), languages.identify(joined));
    }

    private record Cached(String title, String body, List<String> tags, ArticleProfile profile) {
        boolean sameContent(Article a) {
            return Objects.equals(body, a.body()) && Objects.equals(title, a.title()) && Objects.equals(tags, a.tags());
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
