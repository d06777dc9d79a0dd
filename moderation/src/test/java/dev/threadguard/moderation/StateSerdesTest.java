package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.moderation.duplicate.DuplicateFinding;
import dev.threadguard.moderation.state.CorruptStateException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateSerdesTest {
    private static final Comment COMMENT = new Comment("c-1", "a-1", "c-0", "Ann Example", null,
            "Grüße: the migration to Azure took three weekends — and a 20 % price rise. 雲", Instant.parse(
                    "2024-05-01T10:00:00.123Z"), "site-a");

    private static final dev.threadguard.moderation.duplicate.DuplicateDetector DETECTOR =
            new dev.threadguard.moderation.judge.CommentJudge(ModerationConfig.forEvaluation().detectors()).duplicates();

    private static ThreadEntry entry(long sequence, long timestamp, Comment comment) {
        return new ThreadEntry(sequence, timestamp, comment, DETECTOR.analysis(comment));
    }

    @Test
    void everyStateValueReadsBackAsItWasWritten() {
        ThreadEntry entry = entry(42, 1_714_557_600_123L, COMMENT);
        assertThat(StateSerdes.THREAD_ENTRY.read(StateSerdes.THREAD_ENTRY.write(entry))).isEqualTo(entry);
        Comment bare = new Comment("c-2", "a-1", null, null, "Title", "", null);
        assertThat(StateSerdes.COMMENT.read(StateSerdes.COMMENT.write(bare))).isEqualTo(bare);
        ThreadMeta meta = new ThreadMeta(-7L, 501, -5);
        assertThat(StateSerdes.THREAD_META.read(StateSerdes.THREAD_META.write(meta))).isEqualTo(meta);
        HeldComment held = new HeldComment(COMMENT, 5, 1_800_000_000_000L);
        assertThat(StateSerdes.HELD.read(StateSerdes.HELD.write(held))).isEqualTo(held);
        RecentComment found = new RecentComment(3, "c-1", "a-1", "Ann", null, "body", 99,
                new DuplicateFinding(0.97, "c-0", "repeats c-0"), Instant.EPOCH.minusMillis(1));
        assertThat(StateSerdes.RECENT.read(StateSerdes.RECENT.write(found))).isEqualTo(found);
        RecentComment none = new RecentComment(0, "c-1", "a-1", "Ann", null, "body", 99, DuplicateFinding.NONE, null);
        assertThat(StateSerdes.RECENT.read(StateSerdes.RECENT.write(none))).isEqualTo(none);
        ScopeHistory history = new ScopeHistory(Long.MIN_VALUE, 3, 9, Long.MAX_VALUE);
        assertThat(StateSerdes.SCOPE_HISTORY.read(StateSerdes.SCOPE_HISTORY.write(history))).isEqualTo(history);
        Article article = new Article("a-1", "Title", "Body", "https://example.com/a", Instant.EPOCH,
                List.of("x", "y"), null);
        assertThat(StateSerdes.ARTICLE.read(StateSerdes.ARTICLE.write(article))).isEqualTo(article);
    }

    /** A thread entry of the first format (no copy analysis) is still read; the stage analyses its comment then. */
    @Test
    void aThreadEntryOfTheFirstFormatIsReadWithoutAnAnalysis() {
        dev.threadguard.moderation.state.BinaryWriter v1 = new dev.threadguard.moderation.state.BinaryWriter(64);
        v1.writeByte(1).writeVarLong(7).writeSignedVarLong(1_714_557_600_123L);
        StateSerdes.writeComment(COMMENT, v1);
        assertThat(StateSerdes.THREAD_ENTRY.read(v1.toByteArray()))
                .isEqualTo(new ThreadEntry(7, 1_714_557_600_123L, COMMENT, null));
    }

    /**
     * A thread entry keeps its comment's copy analysis (complete signature, MinHash, key length) next to the text;
     * sizes printed for docs/moderation-state.md, the analysis read back equal and no larger than the text's order.
     */
    @Test
    void aThreadEntryKeepsTheCopyAnalysisAtAFewBytesAWord() {
        String sentence = "The harbour wall was rebuilt twice in my lifetime and leaked both times. ";
        StringBuilder report = new StringBuilder("thread entry bytes (comment alone):");
        for (int sentences : new int[] {1, 3, 8, 30}) {
            Comment c = new Comment("d-c00012345", "d-a00123", "d-c00012000", "Some Reader", null,
                    sentence.repeat(sentences).replace("twice", "twice again"), Instant.parse("2025-01-01T00:00:00Z"));
            ThreadEntry e = entry(1234, 1_714_557_600_123L, c);
            byte[] bytes = StateSerdes.THREAD_ENTRY.write(e);
            assertThat(StateSerdes.THREAD_ENTRY.read(bytes)).isEqualTo(e);
            int alone = StateSerdes.COMMENT.write(c).length;
            report.append(String.format(" %d words %d (%d),", c.body().split(" ").length, bytes.length, alone));
            assertThat(bytes.length - alone).as("the analysis").isLessThan(200 + 5 * c.body().split(" ").length);
        }
        System.out.println(report);
    }

    /**
     * A comment in the global copy search costs its ids, author, postedAt and its copy signature without band hashes;
     * sizes printed for docs/moderation-state.md, bounds asserted.
     */
    @Test
    void aCopyEntryReadsBackAndStaysSmallWhateverTheLengthOfTheComment() {
        var detector = new dev.threadguard.moderation.judge.CommentJudge(
                ModerationConfig.forEvaluation().detectors()).duplicates();
        String sentence = "The harbour wall was rebuilt twice in my lifetime and leaked both times. ";
        StringBuilder report = new StringBuilder("copy entry bytes:");
        int largest = 0;
        for (int sentences : new int[] {1, 3, 8, 30}) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < sentences; i++) {
                body.append(sentence.replace("twice", "twice (" + i + ")"));
            }
            Comment c = new Comment("d-c00012345", "d-a00123", null, "Some Reader", null, body.toString(),
                    Instant.parse("2025-01-01T00:00:00Z"));
            CopyEntry e = CopyEntry.of(c, detector.signature(c), 0);
            byte[] bytes = StateSerdes.COPY_ENTRY.write(e);
            CopyEntry back = StateSerdes.COPY_ENTRY.read(bytes);
            assertThat(back.commentId()).isEqualTo(e.commentId());
            assertThat(back.postedAtMs()).isEqualTo(c.postedAt().toEpochMilli());
            assertThat(back.signature()).isEqualTo(e.signature());
            assertThat(back.candidate().signature().words()).isEqualTo(detector.signature(c).words());
            assertThat(back.candidate().signature().bandHashes()).isEmpty();
            report.append(String.format(" %d words %d,", c.body().split(" ").length, bytes.length));
            largest = Math.max(largest, bytes.length);
        }
        System.out.println(report);
        assertThat(largest).as("a kept sketch, not the text").isLessThan(320);
    }

    @Test
    void aValueCutShortOrOfAnUnknownVersionIsRefusedNotMisread() {
        byte[] bytes = StateSerdes.THREAD_ENTRY.write(entry(1, 2, COMMENT));
        assertThatThrownBy(() -> StateSerdes.THREAD_ENTRY.read(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(CorruptStateException.class);
        byte[] json = Json.write(COMMENT);
        assertThatThrownBy(() -> StateSerdes.COMMENT.read(json)).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("version");
    }

    /** The measurement behind the choice of a hand-written codec (figures printed; the size is asserted). */
    @Test
    void theBinaryFormatIsSmallerAndFasterThanJson() {
        ThreadEntry entry = entry(42, 1_714_557_600_123L, COMMENT);
        byte[] binary = StateSerdes.COMMENT.write(COMMENT);
        byte[] json = Json.write(COMMENT);
        assertThat(binary.length).isLessThan(json.length - 60);
        int n = 200_000;
        long sink = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += StateSerdes.THREAD_ENTRY.read(StateSerdes.THREAD_ENTRY.write(entry)).sequence();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n / 4; i++) {
                sink += Json.read(Json.write(COMMENT), Comment.class).body().length();
            }
            long t2 = System.nanoTime();
            if (round == 1) {
                System.out.printf("state codec: binary %d bytes, %.2f µs write+read; JSON %d bytes, %.2f µs%n",
                        binary.length, (t1 - t0) / 1000.0 / n, json.length, (t2 - t1) / 1000.0 / (n / 4));
            }
        }
        assertThat(sink).isPositive();
    }
}
