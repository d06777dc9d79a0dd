package dev.threadguard.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpanIndexTest {
    @Test
    void answersAsTheMapForEveryStretchOfATextIncludingTheEmptyOne() {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Integer> map = new HashMap<>();
        // A small alphabet, so that many stretches are keys and many keys share prefixes and hashes' low bits.
        String alphabet = "abcé漢";
        for (int i = 0; i < 300; i++) {
            map.put(word(random, alphabet, random.nextInt(6)), random.nextInt(1000));
        }
        SpanIndex index = new SpanIndex(map);
        for (int t = 0; t < 200; t++) {
            String text = word(random, alphabet + " ", 12);
            for (int from = 0; from <= text.length(); from++) {
                for (int to = from; to <= text.length(); to++) {
                    Integer expected = map.get(text.substring(from, to));
                    assertThat(index.get(text, from, to)).as("'%s' in '%s'", text.substring(from, to), text)
                            .isEqualTo(expected == null ? -1 : expected);
                }
            }
        }
    }

    @Test
    void anEmptyIndexHasNoKeys() {
        SpanIndex none = new SpanIndex(Map.of());
        assertThat(none.get("anything", 0, 8)).isEqualTo(-1);
        assertThat(none.get("", 0, 0)).isEqualTo(-1);
    }

    @Test
    void negativeValuesAreRefused() {
        assertThatThrownBy(() -> new SpanIndex(Map.of("x", -1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String word(SplittableRandom random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
