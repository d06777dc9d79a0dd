package dev.threadguard.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    @Test
    void foldsCaseAndCollapsesPunctuationAndWhitespace() {
        assertThat(TextNormalizer.normalize("  Where   WAS it?!\n\tReally... ")).isEqualTo("where was it really");
    }

    @Test
    void appliesNfkcSoPresentationFormsMatchPlainLetters() {
        // full-width letters and the "fi" ligature are compatibility forms of plain ASCII
        assertThat(TextNormalizer.normalize("ＡＢＣ ﬁle")).isEqualTo("abc file");
    }

    @Test
    void apostrophesJoinInsteadOfSplitting() {
        assertThat(TextNormalizer.normalize("Don't")).isEqualTo(TextNormalizer.normalize("dont"));
        assertThat(TextNormalizer.normalize("Don’t")).isEqualTo("dont");
    }

    @Test
    void squeezeDropsSpacesSoReSpacedCopiesCoincide() {
        String a = TextNormalizer.squeeze(TextNormalizer.normalize("the Azure cloud"));
        String b = TextNormalizer.squeeze(TextNormalizer.normalize("theAzure   cloud."));
        assertThat(a).isEqualTo(b).isEqualTo("theazurecloud");
    }

    @Test
    void countsWords() {
        assertThat(TextNormalizer.wordCount(TextNormalizer.normalize("one, two;three"))).isEqualTo(3);
        assertThat(TextNormalizer.wordCount(TextNormalizer.normalize("?!"))).isZero();
        assertThat(TextNormalizer.normalize(null)).isEmpty();
    }

    @Test
    void asciiTextsTakeAShortcutThatGivesTheSameForm() {
        String alphabet = "aZ09 '!?.,;-\t\nxyQ_()\"";
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(0, 40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String ascii = text.toString();
            assertThat(TextNormalizer.isAscii(ascii)).isTrue();
            assertThat(TextNormalizer.normalize(ascii)).as("'%s'", ascii).isEqualTo(TextNormalizer.normalizeUnicode(ascii));
        }
        assertThat(TextNormalizer.isAscii("café")).isFalse();
    }
}
