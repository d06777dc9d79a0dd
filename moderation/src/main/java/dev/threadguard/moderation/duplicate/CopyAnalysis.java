package dev.threadguard.moderation.duplicate;

import dev.threadguard.moderation.state.BinaryReader;
import dev.threadguard.moderation.state.BinaryWriter;
import dev.threadguard.moderation.state.CorruptStateException;

/**
 * What comparing a later comment with this one needs of it, kept with the comment in state so that a comparison
 * needs no analysis cache and no re-analysis of the earlier text ({@link DuplicateDetector#detectAnalysed}): its
 * complete {@link CopySignature} (all word shingles and sentences, so a comparison gives exactly what one with the
 * freshly computed signature gives), the MinHash signature of its canonical key ({@link MinHash}: the near-copy
 * filter) and the key's length (the near-copy length filter). Only the few pairs those filters leave in doubt, and
 * comparisons involving quotation, look at the texts. The LSH bands are derived from it ({@link
 * DuplicateDetector#bandHashes(CopyAnalysis)}), not stored.
 *
 * <p>Encoding ({@link #write}): key length (varint; 0 for a text without words, then nothing else), the
 * signature ({@code CopySignature#writeComplete}: flags 1, exact hash 8, first and last sentence 4 + 4, words and
 * shingle count as varints, 4 bytes a shingle, sentence count, 5 bytes a sentence), 32 MinHash values (4 bytes
 * each). About 190 bytes for 10 words, 340 for 40, 1,850 for 420. Immutable.
 */
public final class CopyAnalysis {
    private final CopySignature signature;
    private final int[] minHash;
    private final int keyLength;

    CopyAnalysis(CopySignature signature, int[] minHash, int keyLength) {
        this.signature = signature;
        this.minHash = minHash;
        this.keyLength = keyLength;
    }

    /** The copy signature, complete, without band hashes. */
    CopySignature signature() {
        return signature;
    }

    /** The MinHash signature of the canonical key; empty for a text without words. */
    int[] minHash() {
        return minHash;
    }

    /** Characters of the canonical key (the normalized own words without spaces). */
    int keyLength() {
        return keyLength;
    }

    /** A text without letters or digits: never a duplicate, nor an original. */
    boolean isEmpty() {
        return keyLength == 0;
    }

    public void write(BinaryWriter out) {
        out.writeVarLong(keyLength);
        if (keyLength == 0) {
            out.writeByte((signature.quotes() ? 1 : 0) | (signature.onlyQuote() ? 2 : 0));
            return;
        }
        signature.writeComplete(out);
        out.writeByte(minHash.length);
        for (int h : minHash) {
            out.writeInt(h);
        }
    }

    /**
     * Reads {@link #write}.
     *
     * @throws CorruptStateException when the bytes are cut short or malformed
     */
    public static CopyAnalysis read(BinaryReader in) {
        int keyLength = in.readCount(Integer.MAX_VALUE);
        if (keyLength == 0) {
            int flags = in.readByte();
            return new CopyAnalysis(new CopySignature(0, 0, 0, new int[0], 0, 0, new int[0], new byte[0], new long[0],
                    (flags & 1) != 0, (flags & 2) != 0), new int[0], 0);
        }
        CopySignature signature = CopySignature.readComplete(in);
        int[] minHash = new int[in.readByte()];
        for (int i = 0; i < minHash.length; i++) {
            minHash[i] = in.readInt();
        }
        return new CopyAnalysis(signature, minHash, keyLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyAnalysis a && keyLength == a.keyLength && signature.equals(a.signature)
                && java.util.Arrays.equals(minHash, a.minHash);
    }

    @Override
    public int hashCode() {
        return signature.hashCode() * 31 + keyLength;
    }

    @Override
    public String toString() {
        return "CopyAnalysis[" + signature + ", key of " + keyLength + " characters]";
    }
}
