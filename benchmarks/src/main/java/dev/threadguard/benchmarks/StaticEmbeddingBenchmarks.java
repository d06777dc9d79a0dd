package dev.threadguard.benchmarks;

import dev.threadguard.moderation.offtopic.MiniLmEmbedder;
import dev.threadguard.moderation.semantic.StaticEmbeddings;
import java.util.concurrent.TimeUnit;
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

/**
 * Cost of a sentence vector for a ~40-word comment, on one thread: the static token embeddings distilled from
 * MiniLM ({@link StaticEmbeddings}: word pieces, table look-ups, mean, norm) against MiniLM's full inference
 * ({@link MiniLmEmbedder}) in the same run, and the tokenizer alone, which is most of the static vector's cost.
 * Each invocation takes the next of 512 different comments, so nothing is cached.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StaticEmbeddingBenchmarks {
    private static final int TEXTS = 512;

    @State(Scope.Thread)
    public static class Texts {
        final String[] texts = new String[TEXTS];
        int next;
        StaticEmbeddings embeddings;
        MiniLmEmbedder miniLm;

        @Setup
        public void setUp() {
            for (int i = 0; i < TEXTS; i++) {
                texts[i] = Corpus.text(7_000 + i);
            }
            embeddings = StaticEmbeddings.shipped();
            miniLm = new MiniLmEmbedder();
            miniLm.embed(texts[0]);
        }

        String next() {
            next = (next + 1) % TEXTS;
            return texts[next];
        }
    }

    /** The static vector of a comment: tokenizer, look-ups, mean, L2 norm. */
    @Benchmark
    public float[] staticVector(Texts state) {
        return state.embeddings.vector(state.next());
    }

    /** MiniLM's full inference of the same comments (one ONNX thread, as the service runs it). */
    @Benchmark
    public float[] miniLmVector(Texts state) {
        return state.miniLm.embed(state.next());
    }
}
