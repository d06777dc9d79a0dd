package dev.threadguard.moderation.duplicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSimilarityTest {
    @Test
    void boundedLevenshteinIsTheEditDistanceWhereverTheTextsShareTheirStartOrEnd() {
        java.util.Random random = new java.util.Random(10);
        for (int n = 0; n < 3_000; n++) {
            String shared = randomText(random, random.nextInt(30));
            String tail = randomText(random, random.nextInt(10));
            String a = shared + randomText(random, random.nextInt(6)) + tail;
            String b = (random.nextBoolean() ? shared : randomText(random, 3)) + randomText(random, random.nextInt(6))
                    + (random.nextBoolean() ? tail : "");
            int k = random.nextInt(8);
            int d = textbookLevenshtein(a, b);
            assertThat(TextSimilarity.boundedLevenshtein(a, b, k)).as(a + " / " + b + " within " + k)
                    .isEqualTo(d <= k ? d : -1);
        }
    }

    private static String randomText(java.util.Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append("abc d".charAt(random.nextInt(5)));
        }
        return out.toString();
    }

    /** The full dynamic programme (Wagner-Fischer), no band, no shortcuts. */
    private static int textbookLevenshtein(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
        }
        return d[a.length()][b.length()];
    }

    @Test
    void boundedLevenshteinCountsEditsWithinTheBound() {
        assertThat(TextSimilarity.boundedLevenshtein("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(TextSimilarity.boundedLevenshtein("flaw", "lawn", 5)).isEqualTo(2);
        assertThat(TextSimilarity.boundedLevenshtein("same", "same", 0)).isZero();
        assertThat(TextSimilarity.boundedLevenshtein("", "abc", 3)).isEqualTo(3);
    }

    @Test
    void boundedLevenshteinGivesUpBeyondTheBound() {
        assertThat(TextSimilarity.boundedLevenshtein("kitten", "sitting", 2)).isEqualTo(-1);
        assertThat(TextSimilarity.boundedLevenshtein("short", "a much longer text", 3)).isEqualTo(-1);
    }

    @Test
    void editSimilarityIsOneMinusDistanceOverLength() {
        assertThat(TextSimilarity.editSimilarity("abcdefghij", "abcdefghix", 3)).isEqualTo(0.9);
    }

    @Test
    void diceAndContainmentOverSortedSets() {
        int[] a = {1, 2, 3, 4};
        int[] b = {3, 4, 5, 6};
        assertThat(TextSimilarity.dice(a, b)).isEqualTo(0.5);
        assertThat(TextSimilarity.containment(new int[] {3, 4}, b)).isEqualTo(1.0);
        assertThat(TextSimilarity.containment(new int[0], b)).isZero();
    }

    @Test
    void intersectionCountsCommonValuesOfSortedDistinctArrays() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int round = 0; round < 500; round++) {
            int[] a = random.ints(random.nextInt(0, 60), -50, 50).distinct().sorted().toArray();
            int[] b = random.ints(random.nextInt(0, 60), -50, 50).distinct().sorted().toArray();
            java.util.Set<Integer> common = new java.util.HashSet<>();
            for (int x : a) {
                common.add(x);
            }
            common.retainAll(java.util.Arrays.stream(b).boxed().toList());
            assertThat(TextSimilarity.intersection(a, b)).isEqualTo(common.size());
        }
    }

    private static String randomText(int length, long seed) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            out.append((char) ('a' + random.nextInt(26)));
            if (random.nextInt(6) == 0) {
                out.append(' ');
            }
        }
        return out.substring(0, length);
    }

    @Test
    void longTextsWithEditsSpreadThroughThemAreComparedByThreeWindowsThatAgreeWithTheWhole() {
        String a = randomText(20_000, 7);
        StringBuilder b = new StringBuilder(a);
        for (int i = 0; i < b.length(); i += 20) {
            b.setCharAt(i, b.charAt(i) == 'x' ? 'y' : 'x');
        }
        b.delete(9_000, 9_400); // and 400 characters fewer, so the windows must be placed by relative position
        double whole = TextSimilarity.editSimilarity(a, b, 4_000);
        double bounded = TextSimilarity.boundedEditSimilarity(a, b, 0.2, 1_280);
        assertThat(whole).isBetween(0.9, 0.95);
        assertThat(bounded).isCloseTo(whole, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void aParagraphInsertedDeletedOrAppendedIsComparedExactly() {
        String a = randomText(20_000, 11);
        String paragraph = randomText(1_000, 12);
        List<String> variants = List.of(
                a.substring(0, 10_000) + paragraph + a.substring(10_000),
                a + paragraph,
                a.substring(0, 10_000) + a.substring(11_000));
        for (String b : variants) {
            assertThat(TextSimilarity.boundedEditSimilarity(a, b, 0.2, 1_280))
                    .isEqualTo(TextSimilarity.editSimilarity(a, b, 4_200)).isGreaterThan(0.9);
        }
        String shortText = randomText(1_600, 13);
        assertThat(TextSimilarity.boundedEditSimilarity(shortText, shortText.substring(0, 1_280), 0.2, 1_280))
                .isEqualTo(0.8);
    }

    @Test
    void boundedDiceAndContainmentAnswerAsTheWholeMeasuresDo() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        double[] bars = {0.0, 0.25, 0.5, 0.6, 0.9, 0.95, 1.0, 1.01};
        for (int t = 0; t < 3_000; t++) {
            // Values from a small range, so that the sets overlap from not at all to entirely.
            int range = 1 + random.nextInt(200);
            int[] a = java.util.stream.IntStream.range(0, range).filter(v -> random.nextInt(3) > 0).toArray();
            int[] b = java.util.stream.IntStream.range(0, range).filter(v -> random.nextInt(4) > 0).toArray();
            for (double bar : bars) {
                assertThat(TextSimilarity.diceAtLeast(a, b, bar)).as("dice, round %d, bar %s", t, bar)
                        .isEqualTo(TextSimilarity.dice(a, b) >= bar);
                assertThat(TextSimilarity.containmentAtLeast(a, b, bar)).as("containment, round %d, bar %s", t, bar)
                        .isEqualTo(TextSimilarity.containment(a, b) >= bar);
            }
        }
        assertThat(TextSimilarity.diceAtLeast(new int[0], new int[0], 1.0)).isTrue();
        assertThat(TextSimilarity.containmentAtLeast(new int[0], new int[] {1}, 0.0)).isTrue();
    }

    @Test
    void theFewestCountReachingABarIsFoundAtEveryPlace() {
        for (int max = 0; max <= 40; max++) {
            for (int bar = 0; bar <= max + 1; bar++) {
                int b = bar;
                assertThat(TextSimilarity.fewestReaching(max, k -> k >= b)).as("max %d, bar %d", max, bar).isEqualTo(bar);
            }
        }
        assertThat(TextSimilarity.fewestReaching(5, k -> false)).isEqualTo(6);
        assertThat(TextSimilarity.fewestReaching(5, k -> true)).isZero();
    }
}
