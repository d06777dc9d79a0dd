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

    @Test
    void everyStateValueReadsBackAsItWasWritten() {
        ThreadEntry entry = new ThreadEntry(42, 1_714_557_600_123L, COMMENT);
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
        byte[] bytes = StateSerdes.THREAD_ENTRY.write(new ThreadEntry(1, 2, COMMENT));
        assertThatThrownBy(() -> StateSerdes.THREAD_ENTRY.read(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(CorruptStateException.class);
        byte[] json = Json.write(COMMENT);
        assertThatThrownBy(() -> StateSerdes.COMMENT.read(json)).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("version");
    }

    /** The measurement behind the choice of a hand-written codec (figures printed; the size is asserted). */
    @Test
    void theBinaryFormatIsSmallerAndFasterThanJson() {
        ThreadEntry entry = new ThreadEntry(42, 1_714_557_600_123L, COMMENT);
        byte[] binary = StateSerdes.THREAD_ENTRY.write(entry);
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
