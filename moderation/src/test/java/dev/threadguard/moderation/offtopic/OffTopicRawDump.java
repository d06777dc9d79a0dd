package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.TextProfiler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
        TextProfiler profiler = new TextProfiler(50_000);
        OffTopicDetector words = new OffTopicDetector(profiler, 30, 1000, null);
        OffTopicDetector stat = new OffTopicDetector(profiler, 30, 1000,
                new SemanticCheck(new EmbeddingCache(OffTopicVectors.STATIC.create(), 50_000, 1000), 0, 1, 0.5, 0.15));
        OffTopicDetector mini = new OffTopicDetector(profiler, 30, 1000,
                new SemanticCheck(new EmbeddingCache(OffTopicVectors.MINILM.create(), 50_000, 1000), 0, 1, 0.5, 0.15));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            out.println("commentId,lexArticle,lexParent,lexThread,mass,contextMass,reply,support,"
                    + "sArticle,sParent,sThread,sNearest,sSiblings,mArticle,mParent,mThread,mNearest,mSiblings,"
                    + "scoreWords,scoreStatic,scoreMini,abstained");
            ThreadReplay.replay(Path.of(args[0]), profiler, step -> {
                Comment c = step.comment();
                Article a = step.article();
                Comment parent = step.parent();
                List<Comment> earlier = step.earlier();
                double s = step.support();
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
            });
        }
    }

    private static String n(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.5f", v);
    }
}
