package dev.threadguard.moderation.semantic;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.HashMap;
import java.util.Map;

/**
 * The transformer's view of a vocabulary token, or of a text's word pieces: the pieces between {@code [CLS]} and
 * {@code [SEP]}, run through the shipped model, its last hidden states mean-pooled over every position as MiniLM's
 * sentence pooling does (every position's mask is 1).
 *
 * <p>Deterministic by construction: one intra- and one inter-op thread, one sequence per run (no batch, so no padding
 * and no batch-size-dependent kernel choice), the same graph optimisations every time. Not thread-safe; close it.
 */
final class TokenOutputs implements AutoCloseable {
    private static final int CLS = 101;
    private static final int SEP = 102;
    /** Word pieces of one run at most: 512 positions less {@code [CLS]} and {@code [SEP]}. */
    static final int MAX_PIECES = 510;

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
        return pooled(new int[] {id});
    }

    /**
     * The pooled output of a sequence of word pieces between {@code [CLS]} and {@code [SEP]}, shape [384], not
     * normalised: MiniLM's sentence vector before its L2 normalisation.
     *
     * @param pieces word-piece ids, at most {@link #MAX_PIECES} (the model's 512 positions less the two markers)
     * @throws IllegalArgumentException when there are more
     */
    float[] pooled(int[] pieces) {
        if (pieces.length > MAX_PIECES) {
            throw new IllegalArgumentException(pieces.length + " word pieces; the model reads " + MAX_PIECES + " at most");
        }
        long[][] ids = new long[1][pieces.length + 2];
        ids[0][0] = CLS;
        for (int i = 0; i < pieces.length; i++) {
            ids[0][i + 1] = pieces[i];
        }
        ids[0][pieces.length + 1] = SEP;
        long[][] ones = new long[1][ids[0].length];
        java.util.Arrays.fill(ones[0], 1);
        long[][] zeros = new long[1][ids[0].length];
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
            throw new IllegalStateException("ONNX Runtime failed on " + pieces.length + " word pieces", e);
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
