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
import java.util.Locale;
import java.util.Map;

/**
 * A developer's tool, not a test: writes, for every comment of an events file, the raw off-topic inputs measured
 * with both kinds of vectors (static and MiniLM) side by side, and the detector's own score with each, as CSV, so
 * that a hybrid's band and the model's weights can be chosen outside the code.
 *
 * <p>Usage: {@code OffTopicRawDump events.jsonl out.csv}.
 */
public final class OffTopicRawDump {
    private OffTopicRawDump() {
    }

    public static void main(String[] args) throws Exception {
        List<Event> events = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                events.add(Json.read(line, Event.class));
            }
        }
        TextProfiler profiler = new TextProfiler(50_000);
        OffTopicDetector words = new OffTopicDetector(profiler, 30, 1000, null);
        OffTopicDetector stat = new OffTopicDetector(profiler, 30, 1000,
                new SemanticCheck(new EmbeddingCache(OffTopicVectors.STATIC.create(), 50_000, 1000), 0, 1, 0.5, 0.15));
        OffTopicDetector mini = new OffTopicDetector(profiler, 30, 1000,
                new SemanticCheck(new EmbeddingCache(OffTopicVectors.MINILM.create(), 50_000, 1000), 0, 1, 0.5, 0.15));
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
            out.println("commentId,lexArticle,lexParent,lexThread,mass,contextMass,reply,support,"
                    + "sArticle,sParent,sThread,sNearest,sSiblings,mArticle,mParent,mThread,mNearest,mSiblings,"
                    + "scoreWords,scoreStatic,scoreMini,abstained");
            for (Event e : events) {
                if (!(e instanceof Comment c)) {
                    continue;
                }
                List<Comment> earlier = threads.computeIfAbsent(c.articleId(), k -> new ArrayList<>());
                Comment parent = c.parentId() == null ? null : byId.get(c.parentId());
                Article a = articles.get(c.articleId());
                double s = support.detect(c, profiler.profile(c).normalized(), 1.0).score();
                OffTopicFeatures fs = stat.features(c, a, parent, earlier, s);
                OffTopicFeatures fm = mini.features(c, a, parent, earlier, s);
                OffTopicFinding w = words.detect(c, a, parent, earlier, s);
                OffTopicFinding st = stat.detect(c, a, parent, earlier, s);
                OffTopicFinding mn = mini.detect(c, a, parent, earlier, s);
                if (fs != null) {
                    out.println(String.join(",", c.commentId(), n(fs.lexArticle()), n(fs.lexParent()), n(fs.lexThread()),
                            n(fs.mass()), n(fs.contextMass()), fs.reply() ? "1" : "0", n(s),
                            n(fs.semArticle()), n(fs.semParent()), n(fs.semThread()), n(fs.semNearest()),
                            n(fs.siblingsToArticle()),
                            n(fm.semArticle()), n(fm.semParent()), n(fm.semThread()), n(fm.semNearest()),
                            n(fm.siblingsToArticle()),
                            n(w.score()), n(st.score()), n(mn.score()), mn.abstained() || st.abstained() ? "1" : "0"));
                }
                earlier.add(c);
                byId.put(c.commentId(), c);
            }
        }
    }

    private static String n(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.5f", v);
    }
}
