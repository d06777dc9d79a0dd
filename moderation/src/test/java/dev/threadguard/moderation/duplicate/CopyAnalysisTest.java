package dev.threadguard.moderation.duplicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.state.BinaryReader;
import dev.threadguard.moderation.state.BinaryWriter;
import dev.threadguard.moderation.text.TextProfiler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The thread stage compares a new comment with the copy analyses kept in its state entries instead of the earlier
 * comments' texts: every finding must be the one the comparison by text gives, for every kind of copy and of
 * non-copy, and the bands derived from a kept analysis must be the ones the comment was indexed under.
 */
class CopyAnalysisTest {
    private static final Instant T0 = Instant.parse("2025-03-02T08:00:00Z");
    private static final String BASE = "The night bus from the station stopped running in March, and nobody at the council "
            + "answered my letters about it. Shift workers now walk forty minutes home in the dark.";

    /** Texts written for this test: originals, copies of every kind, quotation, and unrelated replies. */
    private static final List<String> TEXTS = List.of(
            BASE,
            BASE.toUpperCase(),                                            // same key
            BASE.replace("council", "councl"),                              // a typo
            BASE.replace("nobody at the council", "no one at the town hall"), // reworded
            "Shift workers now walk forty minutes home in the dark. The night bus from the station stopped running in "
                    + "March, and nobody at the council answered my letters about it.", // reordered
            BASE.substring(0, 90),                                          // cut off
            BASE + " I have started a petition, link in my profile.",      // words added
            "Agree completely. " + BASE,                                    // opens differently, contains it
            "Shift workers now walk forty minutes home in the dark.",       // one sentence lifted
            "> The night bus from the station stopped running in March\nThat is not true, it runs on Fridays.",
            "> The night bus from the station stopped running in March",   // nothing but quotation
            "\"nobody at the council answered my letters\" sounds familiar, same here with the library closure.",
            "+1",
            "+1",
            "Agreed.",
            "???",
            "",
            "Parking near the market doubled in price this year and the new machines do not take cards either.",
            "The market's parking doubled in price this year, and the new machines do not take cards either!",
            "I like trains.");

    private static List<Comment> comments() {
        List<Comment> out = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            String author = i % 3 == 0 ? "Ines" : i % 3 == 1 ? "ines " : "Tomasz";
            String parent = i == 9 || i == 10 ? "c-0" : null;
            out.add(new Comment("c-" + i, "a-1", parent, author, i == 5 ? "Night bus" : null, TEXTS.get(i),
                    T0.plusSeconds(60L * i)));
        }
        return out;
    }

    private static CopyAnalysis keptAndReadBack(DuplicateDetector d, Comment c) {
        BinaryWriter out = new BinaryWriter(64);
        d.analysis(c).write(out);
        CopyAnalysis back = CopyAnalysis.read(new BinaryReader(out.toByteArray()));
        assertThat(back).isEqualTo(d.analysis(c));
        return back;
    }

    @Test
    void aComparisonWithKeptAnalysesFindsWhatTheComparisonOfTextsFinds() {
        List<Comment> all = comments();
        DuplicateDetector writer = new DuplicateDetector(new TextProfiler(100), 6, 0.9);
        List<DuplicateDetector.Analysed> kept = new ArrayList<>();
        for (Comment c : all) {
            kept.add(new DuplicateDetector.Analysed(c, keptAndReadBack(writer, c)));
        }
        // A detector that never saw the earlier comments: the analysed path must not depend on its caches.
        DuplicateDetector reader = new DuplicateDetector(new TextProfiler(100), 6, 0.9);
        DuplicateDetector byText = new DuplicateDetector(new TextProfiler(100), 6, 0.9);
        int flagged = 0;
        for (int n = 0; n < all.size(); n++) {
            for (int e = 0; e < all.size(); e++) {
                Comment later = all.get(n).withPostedAt(T0.plusSeconds(10_000));
                DuplicateFinding expected = byText.detect(later, List.of(all.get(e)));
                assertThat(reader.detectAnalysed(later, List.of(kept.get(e))))
                        .as("comment %d against %d", n, e).isEqualTo(expected);
                flagged += expected.flagged() ? 1 : 0;
            }
            Comment later = all.get(n).withPostedAt(T0.plusSeconds(10_000));
            assertThat(reader.detectAnalysed(later, kept)).isEqualTo(byText.detect(later, all));
        }
        assertThat(flagged).as("the texts contain copies of several kinds").isGreaterThan(20);
    }

    @Test
    void theBandsOfAKeptAnalysisAreThoseTheCommentWasIndexedUnder() {
        DuplicateDetector d = new DuplicateDetector(new TextProfiler(100), 6, 0.9);
        DuplicateDetector fresh = new DuplicateDetector(new TextProfiler(100), 6, 0.9);
        for (Comment c : comments()) {
            assertThat(fresh.bandHashes(keptAndReadBack(d, c))).as(c.body()).containsExactly(d.bandHashes(c));
        }
    }
}
