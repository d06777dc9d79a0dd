package dev.threadguard.moderation.offtopic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
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
 */
public final class MiniLmEmbedder implements SentenceEmbedder {
    /**
     * Characters embedded at most. The model reads 256 word pieces well; longer texts are split by the library and
     * each part costs a full run, so the first part, which carries the subject, stands for the whole.
     */
    static final int MAX_CHARS = 1_200;

    private static final Logger log = LoggerFactory.getLogger(MiniLmEmbedder.class);

    @Override
    public float[] embed(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing to embed: the text is blank");
        }
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
            // A direct executor: single texts are embedded on the caller's thread, so no pool threads are started.
            EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
            log.info("sentence-embedding model all-MiniLM-L6-v2-q loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
            return model;
        }
    }
}
