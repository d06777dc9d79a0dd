package dev.threadguard.benchmarks;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import dev.threadguard.moderation.duplicate.DuplicateFinding;
import dev.threadguard.moderation.judge.CommentJudge;
import dev.threadguard.moderation.judge.DetectorConfig;
import dev.threadguard.moderation.judge.ThreadContext;
import dev.threadguard.moderation.offtopic.MiniLmEmbedder;
import dev.threadguard.moderation.offtopic.OffTopicDetector;
import dev.threadguard.moderation.offtopic.OffTopicFinding;
import dev.threadguard.moderation.offtopic.OffTopicVectors;
import dev.threadguard.moderation.offtopic.OtherArticles;
import dev.threadguard.moderation.support.SupportFinding;
import dev.threadguard.moderation.support.SupportRequestDetector;
import dev.threadguard.moderation.text.TextProfiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per comment of each detector and of a whole verdict ({@link CommentJudge#judge}), for a new ~40-word comment
 * in a thread of 50 earlier comments, on one thread, in three off-topic configurations: words only
 * ({@code OFF_TOPIC_EMBEDDINGS=false}), the default (static token vectors for every comment) and the MiniLM
 * transformer ({@code OFF_TOPIC_VECTORS=minilm}). Every invocation judges a comment not seen before, so text analysis (and, where needed, the
 * embedding) is paid as in the service; the earlier comments are analysed once and cached, as in the service. Each
 * detector benchmark has its own analysis cache and so pays for analysing the comment itself; the judge analyses it
 * once for all three.
 *
 * <p>Baselines, measured in the same run so that results can be compared across machines as ratios: reading and
 * writing the comment as JSON with the project's mapper (what every pipeline stage does anyway), and running
 * Lucene's EnglishAnalyzer over its text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBenchmarks {
    static final int THREAD_SIZE = 50;
    static final Instant NOW = Corpus.T0.plusSeconds(7200);

    /** The thread and the words-only detectors. */
    @State(Scope.Thread)
    public static class Lexical {
        List<Comment> thread;
        CommentJudge judge;
        DuplicateDetector duplicates;
        OffTopicDetector offTopic;
        SupportRequestDetector support;
        Analyzer english;
        long sequence;

        @Setup
        public void setUp() {
            DetectorConfig config = DetectorConfig.defaults().withOffTopicEmbeddings(false);
            thread = Corpus.thread(THREAD_SIZE);
            judge = new CommentJudge(config);
            duplicates = new DuplicateDetector(new TextProfiler(config.textCacheSize()), config.duplicateMinCopyWords(),
                    config.duplicateThreshold());
            offTopic = new OffTopicDetector(new TextProfiler(config.textCacheSize()), config.offTopicThreadWindow(),
                    config.articleCacheSize());
            support = new SupportRequestDetector();
            english = new EnglishAnalyzer();
            prepared = new PreparedThread(thread, judge.duplicates());
            // The earlier comments are in the caches before the first measured comment, as in a running service.
            for (Comment c : thread) {
                judge.judge(c, new ThreadContext(Corpus.ARTICLE, null, List.of()), NOW);
                duplicates.detect(c, List.of());
                offTopic.detect(c, Corpus.ARTICLE, null, List.of(), 0);
            }
        }

        Comment next() {
            return Corpus.incoming(sequence++, thread);
        }

        /** The new comment's context as the thread stage builds it ({@link PreparedThread#context}). */
        ThreadContext context(Comment c) {
            return prepared.context(c, judge.duplicates());
        }

        PreparedThread prepared;
    }

    /**
     * The earlier comments as the thread stage keeps them: each {@link DuplicateDetector.Prepared} once (its analysis
     * kept between comments, as {@code DecodedEntries} keeps it), and its LSH band hashes in an index.
     */
    static final class PreparedThread {
        final List<Comment> comments;
        final List<DuplicateDetector.Prepared> prepared;
        private final Map<Long, List<Integer>> byBand = new HashMap<>();

        PreparedThread(List<Comment> comments, DuplicateDetector duplicates) {
            this.comments = comments;
            this.prepared = comments.stream().map(DuplicateDetector.Prepared::of).toList();
            for (int i = 0; i < comments.size(); i++) {
                for (long band : duplicates.bandHashes(comments.get(i))) {
                    byBand.computeIfAbsent(band, b -> new ArrayList<>()).add(i);
                }
            }
        }

        /**
         * The context the thread stage gives the judge for a new comment: the article, the parent, the earlier
         * comments, and as duplicate candidates those of them its LSH index finds ({@code ThreadModerator}: the
         * comment's {@link DuplicateDetector#lookupHashes} against the earlier ones' band hashes), in thread order.
         * The look-up is part of the measured cost, as it is of the thread stage's.
         */
        ThreadContext context(Comment c, DuplicateDetector duplicates) {
            TreeSet<Integer> found = new TreeSet<>();
            for (long h : duplicates.lookupHashes(c)) {
                List<Integer> hits = byBand.get(h);
                if (hits != null) {
                    found.addAll(hits);
                }
            }
            List<DuplicateDetector.Prepared> candidates = new ArrayList<>(found.size());
            found.forEach(i -> candidates.add(prepared.get(i)));
            return new ThreadContext(Corpus.ARTICLE, parentOf(c, comments), comments, candidates);
        }

        /** The worst case of {@link #context}: every earlier comment a candidate (prepared). */
        ThreadContext contextAllCandidates(Comment c) {
            return new ThreadContext(Corpus.ARTICLE, parentOf(c, comments), comments, prepared);
        }
    }

    /**
     * A configuration with meaning measured for every comment: {@code vectors} static (the token table,
     * {@code OFF_TOPIC_VECTORS=static}) or whatever {@link DetectorConfig#defaults()} says (the default configuration,
     * which may be either).
     */
    abstract static class WithVectors {
        List<Comment> thread;
        CommentJudge judge;
        long sequence = 2_000_000;

        void setUp(DetectorConfig config) {
            thread = Corpus.thread(THREAD_SIZE);
            judge = new CommentJudge(config);
            // As in a running service: more recent articles than the detector keeps to compare comments with.
            Corpus.otherArticles(2 * OtherArticles.RECENT).forEach(judge.offTopic()::noteArticle);
            for (Comment c : thread) {
                judge.judge(c, new ThreadContext(Corpus.ARTICLE, null, List.of()), NOW);
            }
            prepared = new PreparedThread(thread, judge.duplicates());
        }

        Comment next() {
            return Corpus.incoming(sequence++, thread);
        }

        /** The new comment's context as the thread stage builds it ({@link PreparedThread#context}). */
        ThreadContext context(Comment c) {
            return prepared.context(c, judge.duplicates());
        }

        PreparedThread prepared;
    }

    /** Static token vectors ({@code OFF_TOPIC_VECTORS=static}) for every comment. */
    @State(Scope.Thread)
    public static class Static extends WithVectors {
        @Setup
        public void setUp() {
            setUp(DetectorConfig.defaults().withOffTopicEmbeddings(true).withOffTopicVectors(OffTopicVectors.STATIC));
        }
    }

    /** The default configuration ({@link DetectorConfig#defaults()}), whichever vectors it uses. */
    @State(Scope.Thread)
    public static class Default extends WithVectors {
        @Setup
        public void setUp() {
            setUp(DetectorConfig.defaults());
        }
    }

    /**
     * With the MiniLM transformer ({@code OFF_TOPIC_VECTORS=minilm}). Which comments need an embedding depends on their lexical
     * score, so each iteration prepares fresh comments sorted by that ({@link EmbeddingMix}) outside the measured
     * time, then judges them in the wanted mix.
     */
    @State(Scope.Thread)
    public static class Semantic {
        List<Comment> thread;
        CommentJudge judge;
        EmbeddingMix mix;
        MiniLmEmbedder embedder;
        long sequence = 1_000_000;
        /** The prepared comments of the current iteration and the position of the next one. */
        Comment[] mixed;
        Comment[] needingOne;
        int nextMixed;
        int nextNeedingOne;

        @Setup
        public void setUp() {
            DetectorConfig config = DetectorConfig.defaults().withOffTopicVectors(OffTopicVectors.MINILM);
            if (!config.offTopicEmbeddings()) {
                throw new IllegalStateException("the default configuration is expected to use embeddings");
            }
            thread = Corpus.thread(THREAD_SIZE);
            judge = new CommentJudge(config);
            mix = new EmbeddingMix(config, thread);
            embedder = new MiniLmEmbedder();
            for (Comment c : thread) {
                judge.judge(c, new ThreadContext(Corpus.ARTICLE, null, List.of()), NOW);
            }
        }

        /**
         * Enough fresh comments for an iteration (at about 1 ms per comment on the mix and 3 ms per embedding);
         * should an iteration need more, {@link #nextMixed()} prepares them as it goes, inside the measured time,
         * which only makes the figure pessimistic.
         */
        @Setup(Level.Iteration)
        public void prepare() {
            mixed = mix.comments(4_000, EmbeddingMix.DEV_SHARE, this::fresh);
            needingOne = mix.comments(1_500, 1.0, this::fresh);
            nextMixed = 0;
            nextNeedingOne = 0;
        }

        Comment fresh() {
            return Corpus.incoming(sequence++, thread);
        }

        Comment nextMixed() {
            if (nextMixed == mixed.length) {
                mixed = mix.comments(mixed.length, EmbeddingMix.DEV_SHARE, this::fresh);
                nextMixed = 0;
            }
            return mixed[nextMixed++];
        }

        Comment nextNeedingOne() {
            if (nextNeedingOne == needingOne.length) {
                needingOne = mix.comments(needingOne.length, 1.0, this::fresh);
                nextNeedingOne = 0;
            }
            return needingOne[nextNeedingOne++];
        }
    }

    static Comment parentOf(Comment comment, List<Comment> thread) {
        if (comment.parentId() == null) {
            return null;
        }
        for (Comment c : thread) {
            if (c.commentId().equals(comment.parentId())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Generating the new comment (its text, id and parent), which every other row includes: the floor of the
     * figures, to subtract when comparing with measurements made elsewhere.
     */
    @Benchmark
    public Comment baselineNewComment(Lexical s) {
        return s.next();
    }

    @Benchmark
    public Comment baselineJsonReadWrite(Lexical s) {
        return Json.read(Json.write(s.next()), Comment.class);
    }

    @Benchmark
    public void baselineLuceneEnglishAnalyzer(Lexical s, Blackhole bh) {
        try (TokenStream tokens = s.english.tokenStream("body", s.next().body())) {
            tokens.reset();
            while (tokens.incrementToken()) {
                bh.consume(tokens);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Against all 50 earlier comments, as the thread stage does when the LSH index offers every one. */
    @Benchmark
    public DuplicateFinding duplicate(Lexical s) {
        return s.duplicates.detect(s.next(), s.thread);
    }

    /** The LSH band hashes of a new comment: the key of the index lookups in the thread and cross-thread stages. */
    @Benchmark
    public long[] duplicateMinHashBands(Lexical s) {
        return s.duplicates.bandHashes(s.next());
    }

    /** Off-topic by shared words (no embeddings). */
    @Benchmark
    public OffTopicFinding offTopic(Lexical s) {
        Comment c = s.next();
        return s.offTopic.detect(c, Corpus.ARTICLE, parentOf(c, s.thread), s.thread, 0);
    }

    @Benchmark
    public SupportFinding supportRequest(Lexical s) {
        return s.support.detect(s.next());
    }

    /**
     * The whole verdict with {@code OFF_TOPIC_EMBEDDINGS=false}: all three detectors on a comment analysed once,
     * with its article, parent and thread. Also the cost of a comment the words decide in the default configuration
     * (the code path is the same).
     */
    @Benchmark
    public Verdict judgeWholeVerdict(Lexical s) {
        Comment c = s.next();
        return s.judge.judge(c, s.context(c), NOW);
    }

    /**
     * The whole verdict with static token vectors ({@code OFF_TOPIC_VECTORS=static}): meaning measured for the comment
     * (its vector computed, article, parent and thread vectors cached), plus the words and the other detectors.
     */
    @Benchmark
    public Verdict judgeWholeVerdictStatic(Static s) {
        Comment c = s.next();
        return s.judge.judge(c, s.context(c), NOW);
    }

    /**
     * The verdict the thread stage gives in the default configuration ({@code CommentJudge.firstOpinion}): every
     * detector, the off-topic check on static vectors, and for the comments they do not clear a second opinion left
     * pending for the second-opinion stage. The hot path's cost of a verdict, the figure issue 9 sets its target for.
     */
    @Benchmark
    public CommentJudge.FirstOpinion judgeFirstOpinionDefault(Default s) {
        Comment c = s.next();
        return s.judge.firstOpinion(c, s.context(c), NOW);
    }

    /**
     * The whole verdict in the default configuration with both stages at once ({@code CommentJudge.judge}: the
     * first opinion, then the transformer's second opinion where one is pending): the CPU a comment costs in all.
     */
    @Benchmark
    public Verdict judgeWholeVerdictDefault(Default s) {
        Comment c = s.next();
        return s.judge.judge(c, s.context(c), NOW);
    }

    /**
     * The whole verdict with MiniLM ({@code OFF_TOPIC_VECTORS=minilm}), with {@value EmbeddingMix#DEV_PERCENT}% of the comments
     * needing an embedding (the share measured on the dev set) and the others decided by their words.
     */
    @Benchmark
    public Verdict judgeWholeVerdictEmbeddings(Semantic s) {
        Comment c = s.nextMixed();
        return s.judge.judge(c, new ThreadContext(Corpus.ARTICLE, parentOf(c, s.thread), s.thread), NOW);
    }

    /** The whole verdict with MiniLM for a comment whose words leave it uncertain: one embedding. */
    @Benchmark
    public Verdict judgeNeedingEmbedding(Semantic s) {
        Comment c = s.nextNeedingOne();
        return s.judge.judge(c, new ThreadContext(Corpus.ARTICLE, parentOf(c, s.thread), s.thread), NOW);
    }

    /**
     * The model on an article (title, body and tags, as the off-topic check embeds it): paid once per article and
     * process while the article stays in the cache ({@code DETECTOR_ARTICLE_CACHE_SIZE}), whatever its comments.
     */
    @Benchmark
    public float[] embedArticle(Semantic s) {
        return s.embedder.embed(Corpus.ARTICLE.title() + "\n" + Corpus.ARTICLE.body() + " " + s.sequence++ + "\n"
                + String.join(", ", Corpus.ARTICLE.tags()));
    }

    /** The sentence-embedding model alone on a new comment's text (tokenising and the ONNX run). */
    @Benchmark
    public float[] embedOneComment(Semantic s) {
        return s.embedder.embed(s.fresh().fullText());
    }
}
