package dev.threadguard.sink.http;

import dev.threadguard.http.ProblemException;
import dev.threadguard.http.ProblemType;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.StoredArticle;
import dev.threadguard.sink.store.StoredComment;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code GET /api/threads/{articleId}} (an article's comments as a reply tree) and {@code GET /api/articles}. */
final class ThreadRoutes {
    static final String THREAD = "/api/threads/{articleId}";
    static final String ARTICLES = "/api/articles";

    private final CommentStore store;

    ThreadRoutes(CommentStore store) {
        this.store = store;
    }

    void register(Javalin app) {
        app.get(THREAD, this::thread);
        app.get(ARTICLES, ctx -> ctx.json(store.articles(QueryParams.limit(ctx.queryParam("limit")))));
    }

    private void thread(Context ctx) {
        String articleId = QueryParams.pathId("articleId", ctx.pathParam("articleId"));
        ThreadTree.View view = QueryParams.view(ctx.queryParam("view"));
        Optional<StoredArticle> article = store.article(articleId);
        List<StoredComment> comments = store.thread(articleId);
        if (article.isEmpty() && comments.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no article and no comment known for articleId "
                    + articleId);
        }
        List<StoredComment> shown = ThreadTree.visible(comments, view);
        ctx.json(new ThreadView(article.orElse(null), view.name().toLowerCase(Locale.ROOT), shown.size(),
                ThreadTree.build(shown, view)));
    }
}
