package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThreadKeysTest {
    @Test
    void numbersAreWrittenAsTheFormatterWritesThem() {
        long[] edges = {0, 1, 9, 10, 999_999_999L, 1_000_000_000L, 9_999_999_999L, 10_000_000_000L, Long.MAX_VALUE};
        for (long v : edges) {
            assertThat(ThreadKeys.decimal10(v)).isEqualTo(String.format("%010d", v));
        }
        long[] hexEdges = {0, 1, 15, 16, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123_4567_89ab_cdefL};
        for (long v : hexEdges) {
            assertThat(ThreadKeys.hex16(v)).isEqualTo(String.format("%016x", v));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong();
            assertThat(ThreadKeys.hex16(v)).isEqualTo(String.format("%016x", v));
            long n = random.nextLong(0, 100_000_000_000L);
            assertThat(ThreadKeys.decimal10(n)).isEqualTo(String.format("%010d", n));
        }
    }

    @Test
    void keysSortInSequenceOrderWithinAnArticle() {
        String a = ThreadKeys.key("article-1", 9);
        String b = ThreadKeys.key("article-1", 10);
        assertThat(a.compareTo(b)).isNegative();
        assertThat(ThreadKeys.sequence(b)).isEqualTo(10);
        assertThat(ThreadKeys.articleId(b)).isEqualTo("article-1");
    }
}
