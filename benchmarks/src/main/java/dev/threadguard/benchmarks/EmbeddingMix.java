package dev.threadguard.benchmarks;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.judge.DetectorConfig;
import dev.threadguard.moderation.offtopic.EmbeddingCache;
import dev.threadguard.moderation.offtopic.OffTopicDetector;
import dev.threadguard.moderation.offtopic.SemanticCheck;
import dev.threadguard.moderation.offtopic.SentenceEmbedder;
import dev.threadguard.moderation.support.SupportRequestDetector;
import dev.threadguard.moderation.text.TextProfiler;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sorts new comments by whether the default configuration embeds them, so a benchmark can judge a chosen mix: the
 * off-topic detector with a stand-in model that only records which texts it is asked for runs the same decision
 * (lexical score in the uncertain band, or a help request) as the real one, at the cost of the word comparison.
 */
final class EmbeddingMix {
    /** Share of dev-set comments whose own text the default configuration embeds (see docs/benchmarks.md). */
    static final int DEV_PERCENT = 37;
    static final double DEV_SHARE = DEV_PERCENT / 100.0;
    private static final int MAX_DRAWS = 200;

    private final List<Comment> thread;
    private final SupportRequestDetector support = new SupportRequestDetector();
    private final Recorder recorder = new Recorder();
    private final OffTopicDetector probe;
    /** The configuration measures the meaning of every comment (detector 2026.11-5's default): no mix to make. */
    private final boolean everyComment;

    EmbeddingMix(DetectorConfig config, List<Comment> thread) {
        this.thread = thread;
        SemanticCheck check = new SemanticCheck(new EmbeddingCache(recorder, 100_000, config.articleCacheSize()),
                config.offTopicUncertainFrom(), config.offTopicUncertainTo(), config.supportRequestThreshold(),
                config.offTopicSimilarityThreshold());
        this.everyComment = config.offTopicUncertainFrom() == 0;
        this.probe = new OffTopicDetector(new TextProfiler(config.textCacheSize()), config.offTopicThreadWindow(),
                config.articleCacheSize(), check);
    }

    /** Whether the default configuration embeds this comment's own text when judging it in the benchmark thread. */
    boolean needsEmbedding(Comment comment) {
        recorder.asked.clear();
        probe.detect(comment, Corpus.ARTICLE, DetectorBenchmarks.parentOf(comment, thread), thread,
                support.detect(comment).cueScore()); // what the judge gives the off-topic check
        return recorder.asked.contains(comment.fullText());
    }

    /**
     * {@code n} fresh comments of which the share {@code needing} needs an embedding, spread evenly (with 0.37,
     * comments 2, 5, 8, 10, ... do).
     */
    Comment[] comments(int n, double needing, Supplier<Comment> fresh) {
        Comment[] out = new Comment[n];
        double share = everyComment ? 1.0 : needing;
        for (int i = 0; i < n; i++) {
            boolean want = Math.floor((i + 1) * share) > Math.floor(i * share);
            out[i] = draw(want, fresh);
        }
        return out;
    }

    private Comment draw(boolean wantEmbedding, Supplier<Comment> fresh) {
        for (int i = 0; i < MAX_DRAWS; i++) {
            Comment c = fresh.get();
            if (needsEmbedding(c) == wantEmbedding) {
                return c;
            }
        }
        throw new IllegalStateException("the benchmark corpus yields too few comments that "
                + (wantEmbedding ? "need" : "do not need") + " an embedding");
    }

    /** A stand-in model: remembers the texts it is asked for and answers with a fixed unit vector. */
    private static final class Recorder implements SentenceEmbedder {
        private final Set<String> asked = new HashSet<>();

        @Override
        public float[] embed(String text) {
            asked.add(text);
            float[] v = new float[384];
            v[0] = 1;
            return v;
        }

        @Override
        public String name() {
            return "recorder";
        }
    }
}
