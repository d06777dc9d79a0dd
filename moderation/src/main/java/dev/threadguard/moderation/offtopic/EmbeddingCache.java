package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.BoundedCache;
import dev.threadguard.moderation.text.CommentKey;
import dev.threadguard.moderation.text.TextNormalizer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vectors ({@link TextVectors}) of articles and comments, each computed once and kept in bounded caches (Caffeine, {@link BoundedCache}): an
 * article is compared with many comments, and a comment may later be the parent of a reply or part of a thread's
 * subject. Counts every embedding it computes, so the cost of the semantic check is visible. Thread-safe; two
 * threads that miss the same entry at once both compute it (harmless: the model is a pure function).
 */
public final class EmbeddingCache {
    private final TextVectors embedder;
    private final BoundedCache<ArticleKey, float[]> articles;
    private final BoundedCache<CommentKey, float[]> comments;
    private final AtomicLong articlesEmbedded = new AtomicLong();
    private final AtomicLong commentsEmbedded = new AtomicLong();

    /**
     * @param commentCapacity comment embeddings kept (1.5 KB each for a 384-dimension model)
     * @param articleCapacity article embeddings kept
     */
    public EmbeddingCache(TextVectors embedder, int commentCapacity, int articleCapacity) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.articles = new BoundedCache<>(articleCapacity);
        this.comments = new BoundedCache<>(commentCapacity);
    }

    public TextVectors embedder() {
        return embedder;
    }

    /** The article's embedding (title, body and tags), or null when it has no text. */
    public float[] article(Article article) {
        ArticleKey key = ArticleKey.of(article);
        float[] v = articles.getIfPresent(key);
        if (v == null) {
            String text = articleText(article);
            if (text.isBlank()) {
                return null;
            }
            v = embedder.vector(TextNormalizer.analyzable(text));
            if (v == null) {
                return null;
            }
            articlesEmbedded.incrementAndGet();
            articles.put(key, v);
        }
        return v;
    }

    /** The comment's embedding, computed now if it is not known yet; null when the comment has no text. */
    public float[] comment(Comment comment) {
        CommentKey key = CommentKey.of(comment);
        float[] v = comments.getIfPresent(key);
        if (v == null) {
            String text = comment.fullText();
            if (text == null || text.isBlank()) {
                return null;
            }
            // What a reader sees: lookalike letters, escaped markup and full-width forms would read as other words.
            v = embedder.vector(TextNormalizer.analyzable(text));
            if (v == null) {
                return null;
            }
            commentsEmbedded.incrementAndGet();
            comments.put(key, v);
        }
        return v;
    }

    /** The comment's embedding if it was computed before, else null; never runs the model. */
    public float[] cachedComment(Comment comment) {
        return comments.getIfPresent(CommentKey.of(comment));
    }

    /** Comment texts embedded so far (each at most once while it stays cached). */
    public long commentsEmbedded() {
        return commentsEmbedded.get();
    }

    /** Article texts embedded so far. */
    public long articlesEmbedded() {
        return articlesEmbedded.get();
    }

    private static String articleText(Article a) {
        StringBuilder text = new StringBuilder();
        if (a.title() != null) {
            text.append(a.title());
        }
        // Some sources repeat the title as the body: embedding it twice would only shift weight to it.
        if (a.body() != null && !a.body().equals(a.title())) {
            text.append('\n').append(a.body());
        }
        if (a.tags() != null && !a.tags().isEmpty()) {
            text.append('\n').append(String.join(", ", a.tags()));
        }
        return text.toString();
    }

    /**
     * The article id plus its content, so an updated article is embedded again. Hashed by the id and the texts'
     * lengths only: the article is read from the state store (new strings) for every comment, and hashing its whole
     * body and tags on every lookup was the cost {@link CommentKey} removed for comments; the texts are compared only
     * when the ids match.
     */
    private record ArticleKey(String articleId, String title, String body, List<String> tags) {
        static ArticleKey of(Article a) {
            return new ArticleKey(a.articleId(), a.title(), a.body(), a.tags());
        }

        @Override
        public int hashCode() {
            return ((Objects.hashCode(articleId) * 31 + (title == null ? -1 : title.length())) * 31
                    + (body == null ? -1 : body.length())) * 31 + (tags == null ? -1 : tags.size());
        }
    }
}
