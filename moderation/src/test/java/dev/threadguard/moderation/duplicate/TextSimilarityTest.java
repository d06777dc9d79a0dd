package dev.threadguard.moderation.duplicate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSimilarityTest {
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
}
