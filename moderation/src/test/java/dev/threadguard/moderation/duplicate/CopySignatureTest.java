package dev.threadguard.moderation.duplicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.TextProfiler;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopySignatureTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final String[] SENTENCES = {
        "The night bus stopped running past the hospital in March without any notice.",
        "Shift workers now walk forty minutes along an unlit road after midnight.",
        "The operator says ridership was too low but never counted the hospital staff.",
        "A petition with three thousand names went to the transport office in April.",
        "Nobody has answered it, and the consultation page still lists the old timetable.",
        "Other towns of this size run a shuttle paid for jointly by the hospital trust.",
        "That would cost a fraction of the parking garage they are planning instead."};

    private final DuplicateDetector detector = new DuplicateDetector(new TextProfiler(100), 6, 0.9);

    private static Comment c(String id, String author, String body, long seconds) {
        return new Comment(id, "a-3", null, author, null, body, T0.plusSeconds(seconds));
    }

    private static String join(int from, int to) {
        return String.join(" ", Arrays.copyOfRange(SENTENCES, from, to));
    }

    private DuplicateDetector.Candidate stored(Comment comment) {
        CopySignature kept = CopySignature.fromBytes(detector.signature(comment).toBytes());
        return new DuplicateDetector.Candidate(comment.commentId(), comment.articleId(), comment.author(),
                comment.postedAt(), kept);
    }

    @Test
    void aShortCommentSurvivesTheBinaryFormWhole() {
        CopySignature s = detector.signature(c("c-1", "Ida", join(0, 2), 0));
        byte[] bytes = s.toBytes();
        assertThat(bytes[0]).isEqualTo(CopySignature.VERSION);
        assertThat(CopySignature.fromBytes(bytes)).isEqualTo(s);
        assertThat(s.bandHashes()).isEqualTo(detector.bandHashes(c("c-1", "Ida", join(0, 2), 0)));
        assertThat(bytes.length).isBetween(150, 290);
    }

    @Test
    void theLongestCommentKeepsABoundedSketch() {
        String huge = String.join(" ", java.util.Collections.nCopies(20, join(0, 7))) + " " + "word ".repeat(2000);
        byte[] bytes = detector.signature(c("c-1", "Ida", huge, 0)).toBytes();
        assertThat(bytes.length).isLessThanOrEqualTo(450);
    }

    @Test
    void otherVersionsAndCutBytesAreRefusedWithAMessage() {
        byte[] bytes = detector.signature(c("c-1", "Ida", join(0, 2), 0)).toBytes();
        byte[] future = bytes.clone();
        future[0] = 9;
        assertThatThrownBy(() -> CopySignature.fromBytes(future)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> CopySignature.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> CopySignature.fromBytes(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesAreFoundFromStoredSignaturesAlone() {
        Comment original = c("c-1", "Ida", join(0, 3), 0);
        List<DuplicateDetector.Candidate> kept = List.of(stored(original));
        assertThat(detector.detectSigned(c("c-2", "Max", join(0, 3), 60), kept).duplicateOf()).isEqualTo("c-1");
        assertThat(detector.detectSigned(c("c-3", "Max", join(0, 3) + " Buy cheap bus passes here.", 60), kept)
                .duplicateOf()).isEqualTo("c-1");
        assertThat(detector.detectSigned(c("c-4", "Max", SENTENCES[2] + " " + SENTENCES[0] + " " + SENTENCES[1], 60),
                kept).reason()).startsWith("the sentences of c-1 in another order");
        assertThat(detector.detectSigned(c("c-5", "Max", SENTENCES[1], 60), kept).duplicateOf()).isEqualTo("c-1");
        assertThat(detector.detectSigned(c("c-6", "Max", join(3, 6), 60), kept).flagged()).isFalse();
        // posted before the stored one: never its copy
        assertThat(detector.detectSigned(c("c-7", "Max", join(0, 3), -60), kept).flagged()).isFalse();
    }

    @Test
    void aLiftedSentenceIsFoundInALongStoredComment() {
        String longText = String.join(" ", SENTENCES) + " " + String.join(" ", SENTENCES).toUpperCase().replace("THE", "A");
        List<DuplicateDetector.Candidate> kept = List.of(stored(c("c-1", "Ida", longText, 0)));
        assertThat(detector.detectSigned(c("c-2", "Max", SENTENCES[5], 60), kept).duplicateOf()).isEqualTo("c-1");
        assertThat(detector.detectSigned(c("c-3", "Max", "The night bus is a disgrace and the council knows it well.",
                60), kept).flagged()).isFalse();
    }

    @Test
    void aQuotationIsMarkedInTheSignature() {
        CopySignature quoting = detector.signature(c("c-1", "Ida", "> " + SENTENCES[0] + "\n\nSo true.", 0));
        assertThat(quoting.quotes()).isTrue();
        assertThat(quoting.onlyQuote()).isFalse();
        assertThat(quoting.words()).isEqualTo(2);
        CopySignature wrapped = CopySignature.fromBytes(
                detector.signature(c("c-2", "Ida", "\"" + SENTENCES[0] + "\"", 0)).toBytes());
        assertThat(wrapped.onlyQuote()).isTrue();
        assertThat(wrapped.words()).isEqualTo(13);
    }

    @Test
    void jaccardMayReachABarExactlyWhenTheWholeSetsDo() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        double[] bars = {0.0, 0.3, 0.6, 0.8, 0.9, 1.0};
        for (int t = 0; t < 3_000; t++) {
            // Values from a small range, so that the sets overlap from not at all to entirely.
            int range = 1 + random.nextInt(80);
            CopySignature a = withShingles(java.util.stream.IntStream.range(0, range).filter(v -> random.nextInt(4) > 0).toArray());
            CopySignature b = withShingles(java.util.stream.IntStream.range(0, range).filter(v -> random.nextInt(3) > 0).toArray());
            for (double bar : bars) {
                if (a.shingleCount() == 0 || b.shingleCount() == 0) {
                    // Nothing to count: not ruled out beforehand, and never wrongly.
                    assertThat(a.jaccardMayReach(b, bar) || a.jaccard(b) < bar).isTrue();
                    continue;
                }
                assertThat(a.jaccardMayReach(b, bar)).as("round %d, bar %s", t, bar).isEqualTo(a.jaccard(b) >= bar);
                assertThat(b.jaccardMayReach(a, bar)).as("round %d, bar %s, swapped", t, bar).isEqualTo(b.jaccard(a) >= bar);
            }
        }
    }

    @Test
    void jaccardAgainstALargerSketchIsNeverRuledOutBeforehand() {
        int[] many = java.util.stream.IntStream.range(0, 100).toArray();
        CopySignature sketch = CopySignature.fromBytes(withShingles(many).toBytes());
        CopySignature other = withShingles(java.util.stream.IntStream.range(500, 590).toArray());
        // No shingle in common, but the sketch's estimate (here by sentences) is the answer: it is left to jaccard.
        assertThat(sketch.jaccardMayReach(other, 1.0)).isTrue();
        assertThat(other.jaccardMayReach(sketch, 1.0)).isTrue();
    }

    private static CopySignature withShingles(int[] sortedShingles) {
        return new CopySignature(1, 40, sortedShingles.length, sortedShingles, 1, 2, new int[] {1, 2}, new byte[] {20, 20},
                new long[0], false, false);
    }
}
