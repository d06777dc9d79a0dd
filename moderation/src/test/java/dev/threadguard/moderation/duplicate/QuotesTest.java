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
}
