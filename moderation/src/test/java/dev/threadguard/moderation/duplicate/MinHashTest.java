package dev.threadguard.moderation.duplicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinHashTest {
    private static final MinHash MIN_HASH = MinHash.standard();

    private static final String ORIGINAL = "ithinkmovingskypeontoazureisasensiblestepforreliabilityandcostacrossthewholeplatform";
    private static final String TYPO = "ithinkmovingskypeontoazureisasensiblstepforreliabilityandcostacrossthewholeplatform";
    private static final String WORD_DROPPED = "ithinkmovingskypeontoazureisasensiblestepforreliabilityandcostacrossthewhole";
    private static final String UNRELATED = "mygardentomatoesneedmorewaterthisweekbecausetheheatwavehasdriedoutthesoil";

    private static boolean shareABand(String a, String b) {
        Set<Long> bands = new HashSet<>();
        for (long band : MIN_HASH.bandHashes(a)) {
            bands.add(band);
        }
        return Arrays.stream(MIN_HASH.bandHashes(b)).anyMatch(bands::contains);
    }

    private static double jaccardOf3Grams(String a, String b) {
        Set<String> x = grams(a);
        Set<String> y = grams(b);
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        Set<String> either = new HashSet<>(x);
        either.addAll(y);
        return (double) both.size() / either.size();
    }

    private static Set<String> grams(String s) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 3 <= s.length(); i++) {
            out.add(s.substring(i, i + 3));
        }
        return out;
    }

    @Test
    void identicalKeysHaveIdenticalSignaturesAndBandsAcrossInstances() {
        assertThat(MIN_HASH.signature(ORIGINAL)).isEqualTo(new MinHash(16, 2).signature(ORIGINAL));
        assertThat(MIN_HASH.bandHashes(ORIGINAL)).hasSize(16).isEqualTo(MIN_HASH.bandHashes(ORIGINAL));
        assertThat(MIN_HASH.signature("ok")).isEqualTo(MIN_HASH.signature("ok"));
    }

    @Test
    void nearCopiesShareABandAndUnrelatedTextsDoNot() {
        assertThat(shareABand(ORIGINAL, TYPO)).isTrue();
        assertThat(shareABand(ORIGINAL, WORD_DROPPED)).isTrue();
        assertThat(shareABand(ORIGINAL, UNRELATED)).isFalse();
    }

    @Test
    void signatureAgreementEstimatesTheJaccardSimilarityOf3Grams() {
        MinHash wide = new MinHash(128, 2);
        for (String other : new String[] {TYPO, WORD_DROPPED, UNRELATED}) {
            double estimate = MinHash.estimate(wide.signature(ORIGINAL), wide.signature(other));
            assertThat(estimate).as("estimate for %s", other).isCloseTo(jaccardOf3Grams(ORIGINAL, other),
                    org.assertj.core.data.Offset.offset(0.12));
        }
    }

    @Test
    void differentBandsOfEqualRowsHashDifferently() {
        int[] flat = new int[32];
        long[] bands = MIN_HASH.bandHashes(flat);
        assertThat(Arrays.stream(bands).distinct().count()).isEqualTo(16);
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> new MinHash(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MIN_HASH.bandHashes(new int[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MinHash.estimate(new int[2], new int[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
