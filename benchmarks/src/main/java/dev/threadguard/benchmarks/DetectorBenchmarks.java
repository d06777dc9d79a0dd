package dev.threadguard.benchmarks;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import dev.threadguard.moderation.duplicate.DuplicateFinding;
import dev.threadguard.moderation.judge.CommentJudge;
import dev.threadguard.moderation.judge.DetectorConfig;
import dev.threadguard.moderation.judge.ThreadContext;
import dev.threadguard.moderation.offtopic.OffTopicDetector;
import dev.threadguard.moderation.offtopic.OffTopicFinding;
import dev.threadguard.moderation.support.SupportFinding;
import dev.threadguard.moderation.support.SupportRequestDetector;
import dev.threadguard.moderation.text.TextProfiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * in a thread of 50 earlier comments, with the default configuration on one thread. Every invocation judges a
 * comment not seen before, so text analysis is paid as in the service; the earlier comments are analysed once and
 * cached, as in the service. Each detector benchmark has its own analysis cache and so pays for analysing the
 * comment itself; the judge analyses it once for all three.
 *
 * <p>Baselines, measured in the same run so that results can be compared across machines as ratios: reading and
 * writing the comment as JSON with the project's mapper (what every pipeline stage does anyway), and running
 * Lucene's EnglishAnalyzer over its text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBenchmarks {
    private static final int THREAD_SIZE = 50;
    private static final Instant NOW = Corpus.T0.plusSeconds(7200);

    private List<Comment> thread;
    private CommentJudge judge;
    private DuplicateDetector duplicates;
    private OffTopicDetector offTopic;
    private SupportRequestDetector support;
    private Analyzer english;
    private long sequence;

    @Setup
    public void setUp() {
        DetectorConfig config = DetectorConfig.defaults();
        thread = Corpus.thread(THREAD_SIZE);
        judge = new CommentJudge(config);
        duplicates = new DuplicateDetector(new TextProfiler(config.textCacheSize()), config.duplicateMinCopyWords(),
                config.duplicateThreshold());
        offTopic = new OffTopicDetector(new TextProfiler(config.textCacheSize()), config.offTopicThreadWindow(),
                config.articleCacheSize());
        support = new SupportRequestDetector();
        english = new EnglishAnalyzer();
        // The earlier comments are in the caches before the first measured comment, as in a running service.
        for (Comment c : thread) {
            judge.judge(c, new ThreadContext(Corpus.ARTICLE, null, List.of()), NOW);
            duplicates.detect(c, List.of());
            offTopic.detect(c, Corpus.ARTICLE, null, List.of(), 0);
        }
    }

    private Comment next() {
        return Corpus.incoming(sequence++, thread);
    }

    private Comment parentOf(Comment comment) {
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

    @Benchmark
    public Comment baselineJsonReadWrite() {
        return Json.read(Json.write(next()), Comment.class);
    }

    @Benchmark
    public void baselineLuceneEnglishAnalyzer(Blackhole bh) {
        try (TokenStream tokens = english.tokenStream("body", next().body())) {
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
    public DuplicateFinding duplicate() {
        return duplicates.detect(next(), thread);
    }

    /** The LSH band hashes of a new comment: the key of the index lookups in the thread and cross-thread stages. */
    @Benchmark
    public long[] duplicateMinHashBands() {
        return duplicates.bandHashes(next());
    }

    @Benchmark
    public OffTopicFinding offTopic() {
        Comment c = next();
        return offTopic.detect(c, Corpus.ARTICLE, parentOf(c), thread, 0);
    }

    @Benchmark
    public SupportFinding supportRequest() {
        return support.detect(next());
    }

    /** The whole verdict: all three detectors on a comment analysed once, with its article, parent and thread. */
    @Benchmark
    public Verdict judgeWholeVerdict() {
        Comment c = next();
        return judge.judge(c, new ThreadContext(Corpus.ARTICLE, parentOf(c), thread), NOW);
    }
}
