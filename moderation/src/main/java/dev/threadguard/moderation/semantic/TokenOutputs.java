package dev.threadguard.moderation.semantic;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.HashMap;
import java.util.Map;

/**
 * The transformer's view of one vocabulary token: the token alone between {@code [CLS]} and {@code [SEP]}, run
 * through the shipped model, its last hidden states mean-pooled over the three positions as MiniLM's sentence
 * pooling does (every position's mask is 1).
 *
 * <p>Deterministic by construction: one intra- and one inter-op thread, one token per run (no batch, so no padding
 * and no batch-size-dependent kernel choice), the same graph optimisations every time. Not thread-safe; close it.
 */
final class TokenOutputs implements AutoCloseable {
    private static final int CLS = 101;
    private static final int SEP = 102;

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    TokenOutputs(byte[] model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = environment.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the MiniLM model", e);
        }
    }

    /** Token {@code id}'s pooled output, shape [384] (the model's hidden size), not normalised. */
    float[] pooled(int id) {
        long[][] ids = {{CLS, id, SEP}};
        long[][] ones = {{1, 1, 1}};
        long[][] zeros = {{0, 0, 0}};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (String name : session.getInputNames()) {
                long[][] value = switch (name) {
                    case "input_ids" -> ids;
                    case "attention_mask" -> ones;
                    case "token_type_ids" -> zeros;
                    default -> throw new IllegalStateException("the MiniLM model asks for an unknown input " + name);
                };
                inputs.put(name, OnnxTensor.createTensor(environment, value));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] states = ((float[][][]) result.get(0).getValue())[0];
                float[] pooled = new float[states[0].length];
                for (int k = 0; k < pooled.length; k++) {
                    double sum = 0;
                    for (float[] position : states) {
                        sum += position[k];
                    }
                    pooled[k] = (float) (sum / states.length);
                }
                return pooled;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on token " + id, e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session", e);
        }
    }
}
