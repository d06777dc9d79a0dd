package dev.threadguard.moderation.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.util.HashMap;
import java.util.Map;

/**
 * Greek and Cyrillic letters that look like a Latin letter, from the Unicode confusables data (UTS #39: the
 * {@link SpoofChecker} skeleton of a single letter that is a single Latin letter), and the way back: for each
 * Latin letter its Cyrillic and its Greek lower-case lookalike. Capitals are looked up as written, before case
 * folding ({@link CanonicalText}): Greek Η looks like "H" while its lower case η looks like "n". Built once from
 * ICU's data; immutable, thread-safe.
 *
 * <p>Why letters and not whole skeletons: a skeleton also maps "rn" to "m", "0" to "o" and "1" to "l", so English
 * words would change ("modern" becomes "rnodern") and their content terms with them; and a Russian or Greek text
 * would turn into Latin garbage. Measured on the development set: a whole skeleton changes 11.8% of the canonical
 * words (8,191 of 69,290; in 81% of the comments), mostly "m", "l", "0" and "1"; folding letters only inside words
 * that mix scripts changes none of them, and the set's F1 of all three flags stays as it was. {@link CanonicalText}
 * therefore folds only words that mix scripts, or lookalike words in a text whose letters are Latin (see there).
 */
final class Lookalikes {
    private static final int FIRST = 0x370;
    private static final int END = 0x530;
    /** For a Greek or Cyrillic letter (index cp - FIRST) its Latin lookalike a–z, or 0. */
    private static final char[] TO_LATIN = new char[END - FIRST];
    /** For a Latin letter a–z (index c - 'a') its Cyrillic and Greek lookalike, or 0. */
    private static final int[] TO_CYRILLIC = new int[26];
    private static final int[] TO_GREEK = new int[26];

    static {
        SpoofChecker checker = new SpoofChecker.Builder().build();
        // A capital looks like the Latin capital with its skeleton (Greek Ι, Latin I and l all have the skeleton "l").
        Map<String, Character> capitals = new HashMap<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            capitals.putIfAbsent(checker.getSkeleton(String.valueOf(c)), (char) (c + ('a' - 'A')));
        }
        for (int cp = FIRST; cp < END; cp++) {
            if (!UCharacter.isLetter(cp)) {
                continue;
            }
            String skeleton = checker.getSkeleton(UCharacter.toString(cp));
            Character capital = UCharacter.isUpperCase(cp) ? capitals.get(skeleton) : null;
            if (capital != null) {
                TO_LATIN[cp - FIRST] = capital;
            } else if (skeleton.length() == 1 && skeleton.charAt(0) >= 'a' && skeleton.charAt(0) <= 'z') {
                TO_LATIN[cp - FIRST] = skeleton.charAt(0);
            }
        }
        // The everyday alphabets first (Russian а–я, Greek α–ω), so "o" goes back to the letter a text would use.
        fillBack(TO_CYRILLIC, 0x430, 0x450, UScript.CYRILLIC);
        fillBack(TO_CYRILLIC, 0x400, END, UScript.CYRILLIC);
        fillBack(TO_GREEK, 0x3B1, 0x3CA, UScript.GREEK);
        fillBack(TO_GREEK, FIRST, 0x400, UScript.GREEK);
    }

    private Lookalikes() {
    }

    private static void fillBack(int[] back, int from, int to, int script) {
        for (int cp = from; cp < to; cp++) {
            char latin = TO_LATIN[cp - FIRST];
            if (latin != 0 && back[latin - 'a'] == 0 && UScript.getScript(cp) == script && !UCharacter.isUpperCase(cp)) {
                back[latin - 'a'] = cp;
            }
        }
    }

    /** The Latin letter a–z a Greek or Cyrillic letter looks like, or 0. */
    static char latin(int cp) {
        return cp >= FIRST && cp < END ? TO_LATIN[cp - FIRST] : 0;
    }

    /** The letter of {@code script} (Cyrillic or Greek) that Latin letter {@code c} looks like, or 0. */
    static int inScript(char c, int script) {
        if (c < 'a' || c > 'z') {
            return 0;
        }
        return script == UScript.CYRILLIC ? TO_CYRILLIC[c - 'a'] : script == UScript.GREEK ? TO_GREEK[c - 'a'] : 0;
    }
}
