package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Json;
import dev.threadguard.moderation.support.SupportRequestDetector;
import dev.threadguard.moderation.text.TextProfiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The developer tools' replay of an events file (dataset format): each comment with the context the topology gives
 * the off-topic detector — its article, its parent, the thread's earlier comments in stream order — and its support
 * score. Shared by {@link OffTopicFeatureDump} and {@link OffTopicRawDump}.
 */
final class ThreadReplay {
    /** One comment and its context; {@code article} and {@code parent} may be null. */
    record Step(Comment comment, Article article, Comment parent, List<Comment> earlier, double support) {
    }

    interface Visitor {
        void visit(Step step) throws IOException;

        /** An article event, in stream order (the topology notes it as a recent subject). */
        default void article(Article article) {
        }
    }

    private ThreadReplay() {
    }

    static void replay(Path events, TextProfiler profiler, Visitor visitor) throws IOException {
        List<Event> all = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            if (!line.isBlank()) {
                all.add(Json.read(line, Event.class));
            }
        }
        Map<String, Article> articles = new HashMap<>();
        for (Event e : all) {
            if (e instanceof Article a) {
                articles.put(a.articleId(), a);
            }
        }
        SupportRequestDetector support = new SupportRequestDetector();
        Map<String, Comment> byId = new HashMap<>();
        Map<String, List<Comment>> threads = new HashMap<>();
        for (Event e : all) {
            if (e instanceof Article a) {
                visitor.article(a);
            }
            if (!(e instanceof Comment c)) {
                continue;
            }
            List<Comment> earlier = threads.computeIfAbsent(c.articleId(), k -> new ArrayList<>());
            Comment parent = c.parentId() == null ? null : byId.get(c.parentId());
            // What the off-topic model reads, as CommentJudge gives it: the support cues without their meaning part.
            double s = support.detect(c, profiler.profile(c).normalized(), 1.0).cueScore();
            visitor.visit(new Step(c, articles.get(c.articleId()), parent, earlier, s));
            earlier.add(c);
            byId.put(c.commentId(), c);
        }
    }
}
