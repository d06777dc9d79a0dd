package dev.threadguard.moderation.semantic;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The distilled token-embedding table and what produced it, in one binary file (big-endian, {@link DataOutputStream}):
 *
 * <pre>
 * "TGST"                      4 bytes, magic
 * format version              int (2; format 1, without the refit flag, is still read)
 * vocabulary size V           int (30522 for MiniLM's WordPiece)
 * model dimension M           int (384, the transformer's hidden size)
 * table dimension D           int (the PCA components kept)
 * SIF coefficient             float (the frequency weighting's a)
 * model SHA-256               32 bytes, of the ONNX file distilled
 * tokenizer SHA-256           32 bytes, of the tokenizer file (its vocabulary defines the rows)
 * mean                        M floats: the pooled outputs' mean, subtracted before projecting
 * basis                       D x M floats: the principal axes, row j = component j
 * scales                      D floats: column j's int8 step
 * rows                        V x D bytes (signed): token id i's vector is rows[i][j] * scales[j]
 * refit present               byte, 0 or 1 (format 2 on)
 * when 1, the rows refitted to sentences ({@link ContextRefit}):
 *   corpus SHA-256            32 bytes, of the corpus texts ({@link WordNetGlosses#sha256})
 *   texts                     int, how many
 *   ridge                     float, the pull towards the distilled rows
 *   iterations                int, of conjugate gradients
 *   target scale              float, the factor the sentence targets were multiplied by
 *   target mean               M floats, the sentence vectors' mean, subtracted before projecting
 *   scales                    D floats: the refitted rows' int8 steps
 *   rows                      V x D bytes (signed)
 * </pre>
 *
 * The basis and mean let a test recompute any distilled row from the model alone and require the same bytes; the
 * refit's description lets a rebuild from the same corpus be compared byte for byte. Arrays are compared by
 * reference in the records' {@code equals}; nothing compares tables that way (tests compare bytes).
 */
record TokenTable(int vocabularySize, int modelDimension, int dimensions, float sifCoefficient, byte[] modelSha256,
                  byte[] tokenizerSha256, float[] mean, float[][] basis, float[] scales, byte[] rows, Refit refit) {
    static final int VERSION = 2;
    private static final int MAGIC = 0x54475354; // "TGST"

    TokenTable {
        if (mean.length != modelDimension || basis.length != dimensions || scales.length != dimensions
                || rows.length != vocabularySize * dimensions || modelSha256.length != 32 || tokenizerSha256.length != 32) {
            throw new IllegalArgumentException("inconsistent token table shape");
        }
        for (float[] axis : basis) {
            if (axis.length != modelDimension) {
                throw new IllegalArgumentException("a basis row is not " + modelDimension + " long");
            }
        }
        if (refit != null) {
            if (refit.targetMean().length != modelDimension || refit.scales().length != dimensions
                    || refit.rows().length != rows.length || refit.corpusSha256().length != 32) {
                throw new IllegalArgumentException("refit does not match the table's shape");
            }
            if (!Float.isFinite(refit.targetScale()) || !allFinite(refit.scales()) || !allFinite(refit.targetMean())) {
                throw new IllegalArgumentException("refit has a value that is not a finite number");
            }
        }
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows refitted so that a text's mean of rows matches the transformer's vector of the whole text
     * ({@link ContextRefit}); null in a table that was only distilled.
     */
    record Refit(byte[] corpusSha256, int texts, float ridge, int iterations, float targetScale, float[] targetMean,
                 float[] scales, byte[] rows) {
    }

    /** This table with {@code fitted} as its refit; @throws IllegalArgumentException when it does not fit the shape. */
    TokenTable withRefit(Refit fitted) {
        return new TokenTable(vocabularySize, modelDimension, dimensions, sifCoefficient, modelSha256, tokenizerSha256,
                mean, basis, scales, rows, fitted);
    }

    /** The rows a text's vector is made of: the refitted ones when present, else the distilled ones. */
    byte[] servingRows() {
        return refit == null ? rows : refit.rows();
    }

    /** The int8 steps of {@link #servingRows()}. */
    float[] servingScales() {
        return refit == null ? scales : refit.scales();
    }

    /** Token id {@code id}'s quantised row (shape [D]). */
    byte[] row(int id) {
        return Arrays.copyOfRange(rows, id * dimensions, (id + 1) * dimensions);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.length + 4 * dimensions * (modelDimension + 1) + 4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(vocabularySize);
            out.writeInt(modelDimension);
            out.writeInt(dimensions);
            out.writeFloat(sifCoefficient);
            out.write(modelSha256);
            out.write(tokenizerSha256);
            writeFloats(out, mean);
            for (float[] axis : basis) {
                writeFloats(out, axis);
            }
            writeFloats(out, scales);
            out.write(rows);
            out.writeByte(refit == null ? 0 : 1);
            if (refit != null) {
                out.write(refit.corpusSha256());
                out.writeInt(refit.texts());
                out.writeFloat(refit.ridge());
                out.writeInt(refit.iterations());
                out.writeFloat(refit.targetScale());
                writeFloats(out, refit.targetMean());
                writeFloats(out, refit.scales());
                out.write(refit.rows());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a table written by {@link #toBytes()}.
     *
     * @throws IOException when the stream is not such a table (wrong magic or version, truncated)
     */
    static TokenTable read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Threadguard token table (bad magic)");
        }
        int version = in.readInt();
        if (version != 1 && version != VERSION) {
            throw new IOException("token table format " + version + ", this build reads 1 and " + VERSION);
        }
        int vocabularySize = in.readInt();
        int modelDimension = in.readInt();
        int dimensions = in.readInt();
        if (vocabularySize <= 0 || vocabularySize > 1_000_000 || modelDimension <= 0 || modelDimension > 8192
                || dimensions <= 0 || dimensions > modelDimension || (long) vocabularySize * dimensions > Integer.MAX_VALUE - 8) {
            throw new IOException("token table header out of range: V=" + vocabularySize + " M=" + modelDimension + " D=" + dimensions);
        }
        float sif = in.readFloat();
        byte[] modelSha = in.readNBytes(32);
        byte[] tokenizerSha = in.readNBytes(32);
        float[] mean = readFloats(in, modelDimension);
        float[][] basis = new float[dimensions][];
        for (int j = 0; j < dimensions; j++) {
            basis[j] = readFloats(in, modelDimension);
        }
        float[] scales = readFloats(in, dimensions);
        byte[] rows = new byte[vocabularySize * dimensions];
        in.readFully(rows);
        Refit refit = null;
        int present = version >= 2 ? in.readByte() : 0;
        if (present != 0 && present != 1) {
            throw new IOException("token table refit flag is " + present + ", not 0 or 1");
        }
        if (present == 1) {
            byte[] corpusSha = in.readNBytes(32);
            int texts = in.readInt();
            float ridge = in.readFloat();
            int iterations = in.readInt();
            float targetScale = in.readFloat();
            float[] targetMean = readFloats(in, modelDimension);
            float[] refitScales = readFloats(in, dimensions);
            byte[] refitRows = new byte[vocabularySize * dimensions];
            in.readFully(refitRows);
            refit = new Refit(corpusSha, texts, ridge, iterations, targetScale, targetMean, refitScales, refitRows);
        }
        if (in.read() != -1) {
            throw new IOException("token table has trailing bytes");
        }
        try {
            return new TokenTable(vocabularySize, modelDimension, dimensions, sif, modelSha, tokenizerSha, mean, basis,
                    scales, rows, refit);
        } catch (IllegalArgumentException e) {
            throw new IOException("token table is inconsistent: " + e.getMessage(), e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
