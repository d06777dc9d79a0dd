package dev.threadguard.moderation.offtopic;

import dev.threadguard.moderation.text.TextProfiler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
        String choice = args.length > 2 ? args[2] : "static";
        TextProfiler profiler = new TextProfiler(50_000);
        SemanticCheck semantic = choice.equals("words") ? null
                : new SemanticCheck(new EmbeddingCache(OffTopicVectors.parse(choice).create(), 50_000, 1000), 0, 1, 0.5, 0.15);
        OffTopicDetector detector = new OffTopicDetector(profiler, 30, 1000, semantic);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            out.println("commentId," + String.join(",", OffTopicModel.FEATURES));
            ThreadReplay.replay(Path.of(args[0]), profiler, new ThreadReplay.Visitor() {
                @Override
                public void visit(ThreadReplay.Step step) {
                    OffTopicFeatures f = detector.features(step.comment(), step.article(), step.parent(),
                            step.earlier(), step.support());
                    if (f != null) {
                        out.println(step.comment().commentId() + "," + f.csv());
                    }
                }

                @Override
                public void article(dev.threadguard.contract.Article article) {
                    detector.noteArticle(article);
                }
            });
        }
    }
}
