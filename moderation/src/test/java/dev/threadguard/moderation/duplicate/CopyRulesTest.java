package dev.threadguard.moderation.duplicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.TextProfiler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Containment, reordered sentences, quotations and posting order: the copy rules beyond whole-text edits. */
class CopyRulesTest {
    private static final Instant T0 = Instant.parse("2025-02-10T08:00:00Z");
    private static final String HARBOUR = "The harbour wall was patched twice last winter and both repairs washed out "
            + "within a month.";
    private static final String DREDGING = "Nobody on the council has asked the fishermen where the silt actually "
            + "builds up.";
    private static final String FERRY = "Moving the ferry berth would cost less than a third wall and spare the "
            + "beach as well.";
    private static final String LONG = HARBOUR + " " + DREDGING + " " + FERRY;

    private final DuplicateDetector detector = new DuplicateDetector(new TextProfiler(100), 6, 0.9);

    private static Comment c(String id, String parent, String author, String body, long seconds) {
        return new Comment(id, "a-7", parent, author, null, body, T0.plusSeconds(seconds));
    }

    @Test
    void aCopyWithASentenceAndALinkAddedContainsTheOriginal() {
        Comment original = c("c-1", null, "Rosa", HARBOUR + " " + DREDGING, 0);
        Comment bot = c("c-5", null, "deals4u", HARBOUR + " " + DREDGING
                + " Loved this article! Cheap boat insurance at harbourcover dot net, click now.", 3600);
        DuplicateFinding f = detector.detect(bot, List.of(original));
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.reason()).startsWith("contains the text of c-1 (").contains("words added")
                .contains("posted 60 minutes earlier")
                .contains("by another reader");
    }

    @Test
    void aSentenceLiftedOutOfALongerCommentIsAPassageOfIt() {
        Comment original = c("c-1", null, "Rosa", LONG, 0);
        Comment lifted = c("c-8", null, "Tom", DREDGING, 600);
        DuplicateFinding f = detector.detect(lifted, List.of(original));
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.reason()).startsWith("a passage of c-1 (").contains("posted 10 minutes earlier");
    }

    @Test
    void reorderedSentencesAreTheSameText() {
        Comment original = c("c-1", null, "Rosa", LONG, 0);
        Comment shuffled = c("c-3", null, "Tom", FERRY + " " + HARBOUR + " " + DREDGING, 120);
        DuplicateFinding f = detector.detect(shuffled, List.of(original));
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.reason()).startsWith("the sentences of c-1 in another order");
    }

    @Test
    void aShortStockPhraseInsideALongerCommentIsNoCopy() {
        Comment earlier = c("c-1", null, "Rosa", "Thanks for sharing this, great read.", 0);
        Comment longer = c("c-2", null, "Tom", "Thanks for sharing this, great read. " + HARBOUR, 60);
        assertThat(detector.detect(longer, List.of(earlier)).flagged()).isFalse();
        // and the other way round: a short reply that happens to open a longer comment
        assertThat(detector.detect(c("c-3", null, "Ann", "Thanks for sharing this, great read.", 90),
                List.of(longer)).flagged()).isFalse();
    }

    @Test
    void differentCommentsOnOneSubjectShareNoWording() {
        Comment a = c("c-1", null, "Rosa", LONG, 0);
        Comment b = c("c-2", null, "Tom", "The repairs failed because the wall was patched in winter, when the "
                + "fishermen could have told the council the silt builds up near the ferry berth.", 60);
        DuplicateFinding f = detector.detect(b, List.of(a));
        assertThat(f.flagged()).isFalse();
        assertThat(f.score()).isLessThan(0.5);
    }

    @Test
    void aReplyQuotingItsParentWithAnswerLinesIsNoCopy() {
        Comment parent = c("c-1", null, "Rosa", HARBOUR, 0);
        for (String reply : List.of(
                "> " + HARBOUR + "\n\nTrue.",
                "> " + HARBOUR + "\n\nThat is what happens when you pour concrete in January.",
                "\"" + HARBOUR + "\"\nSource?",
                "\u201C" + HARBOUR + "\u201D Which contractor did it?",
                "\u00AB" + HARBOUR + "\u00BB C'est faux.",
                "\u201E" + HARBOUR + "\u201C Stimmt nicht.")) {
            DuplicateFinding f = detector.detect(c("c-2", "c-1", "Tom", reply, 60), List.of(parent));
            assertThat(f.flagged()).as(reply).isFalse();
        }
    }

    @Test
    void quotingSomeoneElseIsNoCopyEither() {
        Comment quoted = c("c-1", null, "Rosa", HARBOUR, 0);
        Comment sibling = c("c-2", "c-1", "Tom", "> " + HARBOUR + "\n\nExactly.", 60);
        // The original's author quotes herself under another reply and adds one word: conversation.
        Comment self = c("c-3", "c-2", "Rosa", "> " + HARBOUR + "\n\nYes.", 120);
        assertThat(detector.detect(self, List.of(quoted, sibling)).flagged()).isFalse();
        // A one-word answer under a quotation is not a repeat of another one-word answer under another quotation.
        Comment again = c("c-4", "c-1", "Tom", "> " + DREDGING + "\n\nExactly.", 180);
        assertThat(detector.detect(again, List.of(quoted, sibling)).flagged()).isFalse();
    }

    @Test
    void aQuoteIntroducedByItsAuthorsNameIsQuotingInAFlatThreadToo() {
        Comment quoted = c("c-1", null, "Rosa", LONG, 0);
        // No parentId (a flat comment system) and no quotation marks: the attribution says it is a quote.
        for (String attribution : List.of("Rosa wrote: ", "Quote: ", "Quoting Rosa: ", "Originally posted by Rosa: ")) {
            Comment reply = c("c-2", null, "Tom", attribution + LONG + "\nAgreed, well said.", 600);
            assertThat(detector.detect(reply, List.of(quoted)).flagged()).as(attribution).isFalse();
        }
        // A sentence that merely contains "said" is the writer's own: the copy after it is still found; so is one
        // behind a colon that names no one.
        Comment copy = c("c-3", null, "deals4u", "As everyone said, " + LONG, 900);
        assertThat(detector.detect(copy, List.of(quoted)).flagged()).isTrue();
        Comment colon = c("c-4", null, "deals4u", "Quoting is easy: " + LONG, 900);
        assertThat(detector.detect(colon, List.of(quoted)).flagged()).isTrue();
    }

    @Test
    void aCopyWrappedWholeInQuotationMarksIsStillACopy() {
        Comment original = c("c-1", null, "Rosa", LONG, 0);
        Comment wrapped = c("c-6", null, "deals4u", "\u201C" + LONG + "\u201D", 300);
        DuplicateFinding f = detector.detect(wrapped, List.of(original));
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        // but a reply that is nothing but a quotation of the comment it answers is no copy of it
        Comment bare = c("c-7", "c-1", "Tom", "> " + LONG, 300);
        assertThat(detector.detect(bare, List.of(original)).flagged()).isFalse();
    }

    @Test
    void aQuotedReplyPostedTwiceIsADoublePost() {
        String reply = "> " + HARBOUR + "\n\nTrue.";
        Comment first = c("c-2", "c-1", "Tom", reply, 60);
        DuplicateFinding f = detector.detect(c("c-3", "c-1", "Tom", reply, 65), List.of(first));
        assertThat(f.duplicateOf()).isEqualTo("c-2");
    }

    @Test
    void containmentOfTheParentInAReplyIsQuotingWithoutMarks() {
        Comment parent = c("c-1", null, "Rosa", HARBOUR, 0);
        Comment reply = c("c-2", "c-1", "Tom", HARBOUR + " Which is why I stopped paying the harbour levy.", 60);
        assertThat(detector.detect(reply, List.of(parent)).flagged()).isFalse();
    }

    @Test
    void anEarlierOriginalArrivingAfterItsCopyIsNotCalledTheCopy() {
        Comment original = c("c-1", null, "Rosa", HARBOUR + " " + DREDGING, 0);
        Comment copy = c("c-5", null, "deals4u", HARBOUR + " " + DREDGING + " Cheap boat insurance, click now.", 3600);
        // The copy arrived first: nothing to compare with, so it stays unflagged (verdicts are not revised).
        assertThat(detector.detect(copy, List.of()).flagged()).isFalse();
        // The original arrives late: the copy, posted after it, is never named as its original.
        DuplicateFinding late = detector.detect(original, List.of(copy));
        assertThat(late.flagged()).isFalse();
        assertThat(late.reason()).isNull();
        // A second copy, posted after both, names the earliest posted one, whatever the order of arrival.
        Comment second = c("c-9", null, "spam2", HARBOUR + " " + DREDGING + " Visit my profile.", 7200);
        DuplicateFinding f = detector.detect(second, List.of(copy, original));
        assertThat(f.duplicateOf()).isEqualTo("c-1");
        assertThat(f.reason()).contains("posted 2 hours earlier");
    }

    @Test
    void aLongCopyAndItsShortOriginalShareALookupBand() {
        Comment original = c("c-1", null, "Rosa", DREDGING, 0);
        Comment copy = c("c-2", null, "Tom", HARBOUR + " " + FERRY + " " + DREDGING + " " + HARBOUR.toUpperCase(), 60);
        assertThat(shared(detector.lookupHashes(copy), detector.bandHashes(original))).isTrue();
        // and the other way round: a lifted sentence looks up the long original's anchors
        Comment lifted = c("c-3", null, "Tom", FERRY, 60);
        assertThat(shared(detector.lookupHashes(lifted), detector.bandHashes(c("c-4", null, "Rosa", LONG, 0)))).isTrue();
        assertThat(detector.bandHashes(c("c-4", null, "Rosa", LONG, 0))).hasSizeLessThanOrEqualTo(16 + 4);
    }

    @Test
    void aSharedSignatureUnderDifferentCommentsIsNoCopy() {
        String signature = "\n\n-- Sailing is the art of getting wet and going nowhere slowly at great expense!";
        Comment first = c("c-1", null, "Rosa", "Low tide at six tomorrow." + signature, 0);
        Comment second = c("c-2", null, "Rosa", "The harbour master finally answered my letter, after four months." + signature, 600);
        assertThat(detector.detect(second, List.of(first)).flagged()).isFalse();
        assertThat(detector.detect(c("c-3", null, "Rosa", "Thanks Tom." + signature, 900), List.of(second)).flagged())
                .isFalse();
    }

    @Test
    void textBeforeAContainedCommentIsTakenForWhatAReplyQuotes() {
        // A quotation in a form not recognised as one, then the writer's words: these end like the earlier comment.
        Comment earlier = c("c-1", null, "Rosa", DREDGING, 0);
        Comment quoting = c("c-2", null, "Tom", "(Re: " + FERRY + " -- Ann) " + DREDGING, 60);
        assertThat(detector.detect(quoting, List.of(earlier)).flagged()).isFalse();
        // while a lifted middle sentence is whole sentences of the original
        assertThat(detector.detect(c("c-3", null, "Tom", DREDGING, 60), List.of(c("c-4", null, "Ann", LONG, 0)))
                .duplicateOf()).isEqualTo("c-4");
    }

    private static boolean shared(long[] a, long[] b) {
        for (long x : a) {
            for (long y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }
}
