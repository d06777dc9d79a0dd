package dev.threadguard.moderation.semantic;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sentence vector for every comment at lexical speed: the shipped all-MiniLM-L6-v2 distilled into a static
 * token-embedding table ({@link Distillation}, the Model2Vec method), so that a text's vector is a table look-up
 * per word piece instead of a transformer run (microseconds instead of ~5 ms; docs/static-embeddings.md).
 *
 * <p>Texts are cut into word pieces as the model's own tokenizer file defines it ({@link WordPieces}, the same
 * vocabulary and rules as the HuggingFace tokenizer {@code MiniLmEmbedder} uses: lower-cased, accents removed, CJK
 * ideographs one piece each), without {@code [CLS]}/{@code [SEP]}, unknown pieces dropped, at most 512 pieces. The vector is the mean of the pieces'
 * rows (each row carries its token's frequency weight), L2-normalised, so the dot product of two vectors is their
 * cosine.
 *
 * <p>Thread-safe; the table (about 8 MB: distilled and refitted rows) is read once per process, on first use of {@link #shipped()}.
 */
public final class StaticEmbeddings {
    /** The committed table, built by {@code ./threadguard distil}. */
    public static final String RESOURCE = "/dev/threadguard/moderation/semantic/minilm-static.bin";
    /** Characters read per text at most: the 512 pieces a text is cut to never need more than this. */
    static final int MAX_CHARS = 8_000;

    private static final Logger log = LoggerFactory.getLogger(StaticEmbeddings.class);

    private final TokenTable table;
    private final WordPieces tokenizer;

    StaticEmbeddings(TokenTable table, WordPieces tokenizer) {
        this.table = table;
        this.tokenizer = tokenizer;
    }

    /** The table committed with the code, loaded once. */
    public static StaticEmbeddings shipped() {
        return Shipped.INSTANCE;
    }

    /**
     * The text's vector: shape [{@link #dimensions()}], unit length (L2 norm 1 within float rounding), or all zeros
     * when the text has no known word piece (blank, or only characters outside the vocabulary). Never null.
     *
     * @throws NullPointerException when {@code text} is null
     */
    public float[] vector(String text) {
        return vectorOf(tokenIds(text));
    }

    /** The number of dimensions of every vector. */
    public int dimensions() {
        return table.dimensions();
    }

    /** The word-piece ids the vector is made of (no special tokens, at most 512). */
    int[] tokenIds(String text) {
        String input = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return tokenizer.ids(input);
    }

    float[] vectorOf(int[] ids) {
        int d = table.dimensions();
        byte[] rows = table.servingRows();
        int[] sum = new int[d];
        int counted = 0;
        for (int id : ids) {
            if (id == WordPieces.UNKNOWN || id < 0 || id >= table.vocabularySize()) {
                continue;
            }
            int offset = id * d;
            for (int j = 0; j < d; j++) {
                sum[j] += rows[offset + j];
            }
            counted++;
        }
        float[] vector = new float[d];
        if (counted == 0) {
            return vector;
        }
        // The mean's 1/n and the L2 norm cancel: scaling the integer sum by each column's step is enough.
        float[] scales = table.servingScales();
        double norm = 0;
        for (int j = 0; j < d; j++) {
            vector[j] = sum[j] * scales[j];
            norm += (double) vector[j] * vector[j];
        }
        if (norm == 0) {
            return vector;
        }
        float inverse = (float) (1 / Math.sqrt(norm));
        for (int j = 0; j < d; j++) {
            vector[j] *= inverse;
        }
        return vector;
    }

    TokenTable table() {
        return table;
    }

    /** Holder idiom: the JVM reads the table on first use, once, and publishes it safely to every thread. */
    private static final class Shipped {
        static final StaticEmbeddings INSTANCE = load();

        private static StaticEmbeddings load() {
            long start = System.nanoTime();
            try (InputStream in = StaticEmbeddings.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the class path");
                }
                TokenTable table = TokenTable.read(new BufferedInputStream(in));
                byte[] tokenizer = SourceModel.tokenizerBytes();
                if (!Arrays.equals(table.tokenizerSha256(), SourceModel.sha256(tokenizer))) {
                    // Rows are indexed by this vocabulary's ids: another tokenizer would read the wrong rows.
                    throw new IllegalStateException("the static token table was distilled with another MiniLM tokenizer "
                            + "than the one in the class path; rebuild it with ./threadguard distil");
                }
                StaticEmbeddings embeddings = new StaticEmbeddings(table,
                        new WordPieces(SourceModel.vocabulary(tokenizer), SourceModel.MAX_TOKENS));
                log.info("static token embeddings loaded: {} tokens x {} dimensions in {} ms", table.vocabularySize(),
                        table.dimensions(), (System.nanoTime() - start) / 1_000_000);
                return embeddings;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the static token-embedding table " + RESOURCE, e);
            }
        }
    }
}
