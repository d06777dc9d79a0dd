package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Json;
import dev.threadguard.moderation.support.SupportRequestDetector;
import dev.threadguard.moderation.text.TextProfiler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A developer's tool, not a test: writes the off-topic model's inputs for every comment of an events file as CSV
 * (comment id, then {@link OffTopicModel#FEATURES}), so that the model's dozen weights can be fitted to an
 * evaluation set's labels outside the code. Contexts are rebuilt as the topology builds them: the article, the
 * parent, and the thread's earlier comments in stream order.
 *
 * <p>Usage: {@code java -cp <moderation test classpath> dev.threadguard.moderation.offtopic.OffTopicFeatureDump
 * events.jsonl out.csv [static|minilm|words]} (the vectors the similarities come from, as {@code OFF_TOPIC_VECTORS}
 * names them, default static; "words": without vectors).
 */
public final class OffTopicFeatureDump {
    private OffTopicFeatureDump() {
    }

    public static void main(String[] args) throws Exception {
        List<Event> events = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                events.add(Json.read(line, Event.class));
            }
        }
        String choice = args.length > 2 ? args[2] : "static";
        TextProfiler profiler = new TextProfiler(50_000);
        SemanticCheck semantic = choice.equals("words") ? null
                : new SemanticCheck(new EmbeddingCache(OffTopicVectors.parse(choice).create(), 50_000, 1000), 0, 1, 0.5, 0.15);
        OffTopicDetector detector = new OffTopicDetector(profiler, 30, 1000, semantic);
        SupportRequestDetector support = new SupportRequestDetector();
        Map<String, Article> articles = new HashMap<>();
        for (Event e : events) {
            if (e instanceof Article a) {
                articles.put(a.articleId(), a);
            }
        }
        Map<String, Comment> byId = new HashMap<>();
        Map<String, List<Comment>> threads = new HashMap<>();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            out.println("commentId," + String.join(",", OffTopicModel.FEATURES));
            for (Event e : events) {
                if (!(e instanceof Comment c)) {
                    continue;
                }
                List<Comment> earlier = threads.computeIfAbsent(c.articleId(), k -> new ArrayList<>());
                Comment parent = c.parentId() == null ? null : byId.get(c.parentId());
                double s = support.detect(c, profiler.profile(c).normalized(), 1.0).score();
                OffTopicFeatures f = detector.features(c, articles.get(c.articleId()), parent, earlier, s);
                if (f != null) {
                    out.println(c.commentId() + "," + f.csv());
                }
                earlier.add(c);
                byId.put(c.commentId(), c);
            }
        }
    }
}
