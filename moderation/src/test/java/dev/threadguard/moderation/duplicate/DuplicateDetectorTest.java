package dev.threadguard.moderation.duplicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.TextProfiler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateDetectorTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String LONG = "The new ferry timetable leaves a two hour gap every weekday afternoon, which is useless for commuters.";

    private final DuplicateDetector detector = new DuplicateDetector(new TextProfiler(100), 6, 0.9);

    private static Comment c(String id, String author, String title, String body, long secondsAfterT0) {
        return new Comment(id, "a-1", null, author, title, body, T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void sameTextBySameAuthorIsADuplicateWhateverItsLength() {
        Comment first = c("c-1", "Maya", "Why now?", "Odd timing.", 0);
        Comment again = c("c-2", "maya", "why now", "Odd   timing!", 40);
        DuplicateFinding f = detector.detect(again, List.of(first));
        assertThat(f.flagged()).isTrue();
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.score()).isEqualTo(1.0);
        assertThat(f.reason()).isEqualTo("same text as c-1 by the same author, posted 40 seconds earlier");
    }

    @Test
    void aCommentPostedLaterIsNeverNamedAsTheOriginalEvenWhenItArrivedFirst() {
        Comment later = c("c-9", "Maya", null, LONG, 66);
        DuplicateFinding f = detector.detect(c("c-1", "Maya", null, LONG, 0), List.of(later));
        assertThat(f.flagged()).isFalse();
        assertThat(f.reason()).isNull();
    }

    @Test
    void theEarliestPostedOriginalIsNamedWhenCopiesArrivedOutOfOrder() {
        List<Comment> arrived = List.of(c("c-3", "Maya", null, LONG, 120), c("c-1", "Maya", null, LONG, 0));
        DuplicateFinding f = detector.detect(c("c-4", "Maya", null, LONG, 200), arrived);
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.reason()).isEqualTo("same text as c-1 by the same author, posted 3 minutes earlier");
    }

    @Test
    void twoCopiesPostedInTheSameSecondAreNamedInOrderOfArrival() {
        DuplicateFinding f = detector.detect(c("c-2", "Maya", null, LONG, 5), List.of(c("c-1", "Maya", null, LONG, 5)));
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.reason()).isEqualTo("same text as c-1 by the same author, posted in the same second");
    }

    @Test
    void longTextCopiedByAnotherReaderIsADuplicate() {
        DuplicateFinding f = detector.detect(c("c-2", "Ola", null, LONG, 180), List.of(c("c-1", "Ben", null, LONG, 0)));
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.reason()).contains("c-1").contains("3 minutes earlier").contains("another reader");
    }

    @Test
    void identicalShortGenericRepliesByDifferentPeopleAreNotDuplicates() {
        for (String reply : List.of("lol", "Agreed.", "+1", "So true, well said")) {
            DuplicateFinding f = detector.detect(c("c-2", "Ola", null, reply, 60), List.of(c("c-1", "Ben", null, reply, 0)));
            assertThat(f.flagged()).as(reply).isFalse();
            assertThat(f.score()).as(reply).isLessThan(0.5);
        }
    }

    @Test
    void shortRepeatsByAnonymousReadersAreNotDuplicates() {
        DuplicateFinding f = detector.detect(c("c-2", null, null, "Agreed.", 60), List.of(c("c-1", null, null, "Agreed.", 0)));
        assertThat(f.flagged()).isFalse();
    }

    @Test
    void nearDuplicatesAreFound() {
        List<String> edits = List.of(
                LONG.replace("timetable", "timetabel"),                 // typo
                LONG.replace("every weekday", "every single weekday"),  // word added
                LONG.replace("useless for", "useless to").replace(", which", " which"), // small edits
                LONG.toUpperCase().replace(",", ""));                   // case and punctuation
        for (String edited : edits) {
            DuplicateFinding f = detector.detect(c("c-2", "Ben", null, edited, 300), List.of(c("c-1", "Ben", null, LONG, 0)));
            assertThat(f.duplicateOf()).as(edited).isEqualTo("c-1");
        }
        String other = LONG.replace("useless", "useles");
        DuplicateFinding byOther = detector.detect(c("c-2", "Ola", null, other, 300), List.of(c("c-1", "Ben", null, LONG, 0)));
        assertThat(byOther.duplicateOf()).isEqualTo("c-1");
        assertThat(byOther.reason())
                .matches("9\\d% similar to c-1 \\(a typo or small edit\\), posted 5 minutes earlier by another reader");
        DuplicateFinding added = detector.detect(c("c-2", "Ben", null, edits.get(1), 300),
                List.of(c("c-1", "Ben", null, LONG, 0)));
        assertThat(added.reason()).contains("(a word added)").contains("by the same author");
    }

    @Test
    void aCopyFromAnotherThreadSaysWhichArticle() {
        Comment original = new Comment("c-1", "a-9", null, "Ben", null, LONG, T0);
        Comment copy = new Comment("c-17", "a-10", null, "Ben", null, LONG, T0.plusSeconds(180));
        DuplicateFinding f = detector.detect(copy, List.of(original));
        assertThat(f.reason()).isEqualTo("same text as c-1 by the same author, posted 3 minutes earlier in another thread "
                + "(article a-9)");
    }

    @Test
    void aCopyWithItsLastSentenceCutIsADuplicate() {
        String original = "Parking on the high street should be free on Sundays. Shops lose customers to the mall every weekend. "
                + "The council never listens anyway.";
        String cut = "Parking on the high street should be free on Sundays. Shops lose customers to the mall every weekend.";
        DuplicateFinding f = detector.detect(c("c-2", "Ben", null, cut, 60), List.of(c("c-1", "Ben", null, original, 0)));
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.reason()).contains("shortened copy of c-1");
    }

    @Test
    void differentTextsOnTheSameSubjectAreNotDuplicates() {
        String reply = "The ferry timetable is fine for me, I take the morning boat and it is always on time.";
        DuplicateFinding f = detector.detect(c("c-2", "Ben", null, reply, 60), List.of(c("c-1", "Ben", null, LONG, 0)));
        assertThat(f.flagged()).isFalse();
        assertThat(f.score()).isLessThan(0.5);
    }

    @Test
    void pointsAtTheFirstOccurrence() {
        List<Comment> earlier = List.of(c("c-1", "Ben", null, LONG, 0), c("c-2", "Ben", null, LONG, 60));
        DuplicateFinding f = detector.detect(c("c-3", "Ben", null, LONG, 120), earlier);
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.reason()).contains("2 minutes earlier");
    }

    @Test
    void ignoresARedeliveryOfTheCommentItselfAndEmptyTexts() {
        Comment self = c("c-1", "Ben", null, LONG, 0);
        assertThat(detector.detect(self, List.of(self)).flagged()).isFalse();
        assertThat(detector.detect(c("c-2", "Ben", null, "?!", 10), List.of(c("c-1", "Ben", null, "!!", 0))).flagged()).isFalse();
    }

    @Test
    void candidatesKeptAcrossCommentsFindWhatFreshOnesFind() {
        // A thread's comments as the thread stage holds them: one Prepared each, compared with every later comment
        // (its analysis kept after the first comparison). Each finding must equal a comparison from scratch, also
        // when a tiny cache makes every fresh look-up a miss and the kept analyses the only ones that survive.
        DuplicateDetector small = new DuplicateDetector(new TextProfiler(1), 6, 0.9);
        List<Comment> thread = List.of(
                c("c-1", "Maya", null, LONG, 0),
                c("c-2", "Ann", null, "Weekend trains are worse: the last one back leaves before ten in the evening.", 10),
                c("c-3", "Bo", null, LONG.replace("useless", "pointless"), 20),
                c("c-4", "Ann", null, "Weekend trains are worse: the last one back leaves before ten in the evening.", 30),
                c("c-5", "Cy", null, "Odd timing.", 40),
                c("c-6", "Cy", null, "Odd timing!", 50));
        java.util.ArrayList<DuplicateDetector.Prepared> kept = new java.util.ArrayList<>();
        for (Comment comment : thread) {
            DuplicateFinding viaKept = small.detectPrepared(comment, List.copyOf(kept));
            DuplicateFinding fresh = detector.detect(comment, thread.subList(0, kept.size()));
            assertThat(viaKept).as(comment.commentId()).isEqualTo(fresh);
            kept.add(DuplicateDetector.Prepared.of(comment));
        }
        assertThat(small.detectPrepared(thread.get(3), kept.subList(0, 3)).duplicateOf()).isEqualTo("c-2");
        assertThat(small.detectPrepared(thread.get(2), kept.subList(0, 2)).duplicateOf()).isEqualTo("c-1");
    }
}
