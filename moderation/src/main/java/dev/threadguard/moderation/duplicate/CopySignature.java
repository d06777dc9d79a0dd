package dev.threadguard.moderation.duplicate;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the copy check needs of a comment's own words (quotations left out, {@link Quotes}), without its text: enough
 * to compare two comments from their signatures alone, so that old comments can be kept as a few hundred bytes.
 *
 * <p>Parts: a 64-bit hash of the own words' key (exact repeats); the word count; the word shingles (hashes of three
 * consecutive words inside one sentence, so that reordered sentences keep their shingles), all of them in memory,
 * the {@value #KEPT_SHINGLES} smallest in {@link #toBytes()} (a bottom-k sketch: for any value at or below a sketch's
 * largest, membership in the whole set is known, which makes containment estimable from two sketches); a 32-bit
 * hash and the word count of each sentence (up to {@value #MAX_SENTENCES}), which find a lifted sentence however
 * long the text it came from; and the LSH band hashes of the key ({@link MinHash}) under which it is indexed.
 *
 * <p>Encoding (version {@value #VERSION}): version byte, flags byte, exact hash (8), first and last sentence hash (4 + 4), words and shingle count
 * (unsigned varints), kept shingles (count byte, 4 bytes each), sentences (count byte, 4 + 1 bytes each), bands
 * (count byte, 8 bytes each). Measured: 10 words 188 bytes (52 without bands, {@link #withoutBands()}), 40 words
 * in six sentences 321 (169), 100 words and more at most about 390 (230).
 */
public final class CopySignature {
    static final byte VERSION = 1;
    /** Word shingles kept in the encoded form: exact for comments up to about 34 words. */
    static final int KEPT_SHINGLES = 32;
    /** Sentences kept in the encoded form; a longer text keeps those with the smallest hashes. */
    static final int MAX_SENTENCES = 16;
    private static final int FLAG_QUOTE = 1;
    private static final int FLAG_ONLY_QUOTE = 2;

    private final long exactHash;
    private final int words;
    private final int shingleCount;
    /** Sorted ascending (signed); all of them, or the smallest {@link #KEPT_SHINGLES} when decoded. */
    private final int[] shingles;
    /** Sentence hashes, sorted ascending, and their word counts in the same order. */
    private final int[] sentences;
    /** Hashes of the first and the last sentence: where a shared passage sits in each text. */
    private final int first;
    private final int last;
    private final byte[] sentenceWords;
    private final long[] bands;
    private final int flags;
    /**
     * One bit per sentence hash (its low six bits): two texts whose masks share no bit share no sentence, which most
     * pairs a thread's comments form show with one AND instead of a search per sentence.
     */
    private final long sentenceMask;

    CopySignature(long exactHash, int words, int shingleCount, int[] shingles, int first, int last, int[] sentences,
                  byte[] sentenceWords, long[] bands, boolean quotes, boolean onlyQuote) {
        this(exactHash, words, shingleCount, shingles, first, last, sentences, sentenceWords, bands,
                (quotes ? FLAG_QUOTE : 0) | (onlyQuote ? FLAG_ONLY_QUOTE : 0));
    }

    private CopySignature(long exactHash, int words, int shingleCount, int[] shingles, int first, int last,
                          int[] sentences, byte[] sentenceWords, long[] bands, int flags) {
        this.exactHash = exactHash;
        this.first = first;
        this.last = last;
        this.words = words;
        this.shingleCount = shingleCount;
        this.shingles = shingles;
        this.sentences = sentences;
        this.sentenceWords = sentenceWords;
        this.bands = bands;
        this.flags = flags;
        long mask = 0;
        for (int h : sentences) {
            mask |= 1L << h; // the shift uses the low six bits
        }
        this.sentenceMask = mask;
    }

    /** Hash of the own words' key: equal for texts equal up to case, spacing and punctuation. */
    public long exactHash() {
        return exactHash;
    }

    /** Words of the comment's own text (its quotations left out, unless it is nothing but a quotation). */
    public int words() {
        return words;
    }

    /** Distinct word shingles of the own text (the whole set, also when only a sketch of it is kept). */
    public int shingleCount() {
        return shingleCount;
    }

    /** Whether the comment quotes something (a {@code >} line or a span in quotation marks). */
    public boolean quotes() {
        return (flags & FLAG_QUOTE) != 0;
    }

    /** Whether the comment is nothing but quotation: then its words are the quoted ones. */
    public boolean onlyQuote() {
        return (flags & FLAG_ONLY_QUOTE) != 0;
    }

    /**
     * The LSH band hashes the comment is indexed under: those of {@link DuplicateDetector#bandHashes}; empty after
     * {@link #withoutBands()}.
     */
    public long[] bandHashes() {
        return bands.clone();
    }

    /**
     * The same signature without its band hashes (128 to 160 bytes fewer encoded), for state whose band index
     * already holds them: the comparison never reads them.
     */
    public CopySignature withoutBands() {
        return new CopySignature(exactHash, words, shingleCount, shingles, first, last, sentences, sentenceWords,
                new long[0], flags);
    }

    /** Whether the shingle set is complete (not cut down to a sketch). */
    private boolean complete() {
        return shingles.length == shingleCount;
    }

    /**
     * Estimated share of this text's word shingles that also occur in {@code other}: exact when both sets are
     * complete; from the sketches otherwise (the shingles of this sketch at or below the other's largest kept value,
     * whose membership in the other's whole set is known). NaN when the sketches leave nothing to compare.
     */
    double shinglesIn(CopySignature other) {
        if (shingles.length == 0) {
            return Double.NaN;
        }
        // This sketch's values up to the other's largest kept one: their membership in the other's whole set is known.
        int sample = shingles.length;
        if (!other.complete()) {
            int cut = Arrays.binarySearch(shingles, other.shingles[other.shingles.length - 1]);
            sample = cut >= 0 ? cut + 1 : -cut - 1;
        }
        if (sample == 0) {
            return Double.NaN;
        }
        return (double) TextSimilarity.intersection(shingles, sample, other.shingles) / sample;
    }

    /** Share of this text's words that are in sentences the other text has too (exact sentence matches). */
    double sentencesIn(CopySignature other) {
        if (words == 0 || (sentenceMask & other.sentenceMask) == 0) {
            return 0;
        }
        int shared = 0;
        for (int i = 0; i < sentences.length; i++) {
            if (Arrays.binarySearch(other.sentences, sentences[i]) >= 0) {
                shared += sentenceWords[i] & 0xff;
            }
        }
        return Math.min(1.0, (double) shared / words);
    }

    /** How much of this text is inside {@code other}: the larger of the shingle and the sentence estimate. */
    double containedIn(CopySignature other) {
        double byShingles = shinglesIn(other);
        double bySentences = sentencesIn(other);
        return Double.isNaN(byShingles) ? bySentences : Math.max(byShingles, bySentences);
    }

    /** Estimated Jaccard similarity of the two shingle sets, from this text's containment in the other. */
    double jaccard(CopySignature other) {
        CopySignature small = shingleCount <= other.shingleCount ? this : other;
        CopySignature large = small == this ? other : this;
        double c = small.shinglesIn(large);
        return jaccard(Double.isNaN(c) ? small.sentencesIn(large) : c, small, large);
    }

    /** The Jaccard similarity when the share {@code c} of the small set's shingles is in the large set. */
    private static double jaccard(double c, CopySignature small, CopySignature large) {
        double shared = c * small.shingleCount;
        double union = small.shingleCount + large.shingleCount - shared;
        return union <= 0 ? 0 : shared / union;
    }

    /**
     * Whether {@link #jaccard} with the other may reach {@code bar}; false only where it does not. With the larger set
     * complete (texts, not sketches), the shared shingles that reach it are found by jaccard's own formula and counted
     * only while within reach: two comments share almost no word shingles, and merging whole sets for each of a
     * thread's comments was about 8 % of a verdict in JFR.
     */
    boolean jaccardMayReach(CopySignature other, double bar) {
        CopySignature small = shingleCount <= other.shingleCount ? this : other;
        CopySignature large = small == this ? other : this;
        int n = small.shingles.length;
        if (!large.complete() || n == 0) {
            return true;
        }
        // jaccard grows with the number shared (each step of it does): the fewest that reach the bar.
        int need = TextSimilarity.fewestReaching(n, shared -> jaccard((double) shared / n, small, large) >= bar);
        return need <= n && TextSimilarity.intersectionReaches(small.shingles, n, large.shingles, need);
    }

    /** Whether this text opens with the other's first sentence. */
    boolean opensLike(CopySignature other) {
        return first == other.first;
    }

    /** Whether this text ends with the other's last sentence. */
    boolean endsLike(CopySignature other) {
        return last == other.last;
    }

    /** Whether both have the same sentences, each once, whatever their order (and more than one of them). */
    boolean sameSentences(CopySignature other) {
        return sentences.length > 1 && Arrays.equals(sentences, other.sentences);
    }

    /** The versioned binary form ({@link CopySignature class description}). */
    public byte[] toBytes() {
        int kept = Math.min(shingles.length, KEPT_SHINGLES);
        int sentenceCount = Math.min(sentences.length, MAX_SENTENCES);
        ByteBuffer out = ByteBuffer.allocate(2 + 8 + 8 + 10 + 1 + 4 * kept + 1 + 5 * sentenceCount + 1 + 8 * bands.length);
        out.put(VERSION).put((byte) flags).putLong(exactHash).putInt(first).putInt(last);
        putVarint(out, words);
        putVarint(out, shingleCount);
        out.put((byte) kept);
        for (int i = 0; i < kept; i++) {
            out.putInt(shingles[i]);
        }
        out.put((byte) sentenceCount);
        for (int i = 0; i < sentenceCount; i++) {
            out.putInt(sentences[i]).put(sentenceWords[i]);
        }
        out.put((byte) bands.length);
        for (long b : bands) {
            out.putLong(b);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /**
     * Reads {@link #toBytes()}.
     *
     * @throws IllegalArgumentException when the bytes are of another version or cut short
     */
    public static CopySignature fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a copy signature of version " + VERSION
                    + (bytes == null || bytes.length == 0 ? " (no bytes)" : " (version byte " + bytes[0] + ")"));
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            in.get();
            int flags = in.get() & 0xff;
            long exact = in.getLong();
            int first = in.getInt();
            int last = in.getInt();
            int words = getVarint(in);
            int shingleCount = getVarint(in);
            int[] shingles = new int[in.get() & 0xff];
            for (int i = 0; i < shingles.length; i++) {
                shingles[i] = in.getInt();
            }
            int n = in.get() & 0xff;
            int[] sentences = new int[n];
            byte[] sentenceWords = new byte[n];
            for (int i = 0; i < n; i++) {
                sentences[i] = in.getInt();
                sentenceWords[i] = in.get();
            }
            long[] bands = new long[in.get() & 0xff];
            for (int i = 0; i < bands.length; i++) {
                bands[i] = in.getLong();
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("copy signature with " + in.remaining() + " bytes too many");
            }
            return new CopySignature(exact, words, shingleCount, shingles, first, last, sentences, sentenceWords, bands,
                    flags);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("copy signature cut short (" + bytes.length + " bytes)", e);
        }
    }

    private static void putVarint(ByteBuffer out, int value) {
        int v = value;
        while ((v & ~0x7f) != 0) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static int getVarint(ByteBuffer in) {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.get();
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("copy signature with a malformed number");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopySignature s && exactHash == s.exactHash && words == s.words && first == s.first
                && last == s.last
                && shingleCount == s.shingleCount && flags == s.flags && Arrays.equals(shingles, s.shingles)
                && Arrays.equals(sentences, s.sentences) && Arrays.equals(sentenceWords, s.sentenceWords)
                && Arrays.equals(bands, s.bands);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(exactHash) * 31 + shingleCount;
    }

    @Override
    public String toString() {
        return "CopySignature[" + words + " words, " + shingleCount + " shingles, " + sentences.length + " sentences]";
    }
}
