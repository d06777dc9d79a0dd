package dev.threadguard.moderation.duplicate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotesTest {
    @Test
    void markersAndTheSpacesBetweenThemAreNotPartOfTheQuote() {
        Quotes q = Quotes.of("> > >deep quote\n  >> shallower\nmy own words");
        assertThat(q.quoted()).isEqualTo("deep quote\nshallower\n");
        assertThat(q.own()).contains("my own words").doesNotContain("quote");
    }

    @Test
    void aLineOfTwentyThousandMarkersIsReadWithoutRunningOutOfStack() {
        // Found with hostile input: a regular expression repeating a group recursed once per marker.
        Quotes q = Quotes.of(">".repeat(20_000) + " hello\nmy own words");
        assertThat(q.quoted()).isEqualTo("hello\n");
        assertThat(q.own()).contains("my own words");
    }

    @Test
    void attributionsAreStillFoundAndLongLinesThatOnlyLookLikeOneAreNot() {
        assertThat(Quotes.of("Quoting bob_1: the lanes are late\nmine").quoted()).isEqualTo("the lanes are late\n");
        assertThat(Quotes.of("Originally posted by Ann: it rained\nmine").quoted()).isEqualTo("it rained\n");
        assertThat(Quotes.of("Rosa wrote: never again\nmine").quoted()).isEqualTo("never again\n");
        assertThat(Quotes.of("Quoting is hard: you lose the context").hasQuote()).isFalse();
        // Found with hostile input: each took about 5 s of CPU in a regular expression that tried every split.
        assertThat(Quotes.of("quoting " + "1".repeat(19_990) + "\n:").hasQuote()).isFalse();
        assertThat(Quotes.of("originally posted by " + "_".repeat(19_975) + "\n:").hasQuote()).isFalse();
    }
}
