package dev.threadguard.moderation.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * The Unicode part of the canonical form ({@link TextNormalizer}) for a text that is not plain ASCII, in three steps:
 * <ol>
 *   <li>NFKC_Casefold, decomposed (ICU), one character at a time so that each folded letter knows the letter it came
 *   from: compatibility forms (full-width, ligatures, mathematical letters) to plain
 *   letters, case folded, default-ignorable characters (zero-width, bidi controls, variation selectors, soft hyphen)
 *   dropped; then every combining mark of the Inherited script (the diacritics and the stacked "Zalgo" marks over
 *   Latin, Greek and Cyrillic letters, U+0300–036F and kin) and every enclosing mark dropped, and emoji skin
 *   tones. Marks that belong to a script (Thai and Devanagari vowel signs, the kana voicing marks) stay inside
 *   their words, and so does one mark that makes a Cyrillic letter of its own (й, ё).</li>
 *   <li>Lookalike letters: a word that mixes Latin with Cyrillic or Greek letters is folded to one script, letter
 *   by letter ({@link Lookalikes}): to Latin when all its Cyrillic/Greek letters have a Latin lookalike, else its
 *   Latin letters to the other script. A capital counts by the Latin capital it looks like (Greek Η is "h",
 *   though η looks like "n"). In a text whose letters are mostly Latin (more Latin letters than Cyrillic/Greek
 *   letters without a Latin lookalike, counting capitals whose lower case has none among those unless some word
 *   mixes scripts) a Cyrillic/Greek word made only of lookalikes ("оn", "thе") is folded to Latin too. A Russian or Greek comment, and a Russian name in an English one ("Путин"), stay as
 *   written. Whole UTS #39 skeletons are not used, because they would also rewrite ordinary words ("modern" →
 *   "rnodern", digits to letters).</li>
 *   <li>Words: runs of letters, digits and script marks (apostrophes join: "don't" is "dont"); runs in scripts
 *   written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) split by ICU's dictionary-based word break
 *   iterator; each emoji (Extended_Pictographic, regional indicator) a word of its own.</li>
 * </ol>
 * Thread-safe: the normalisers are immutable; each thread keeps its own break iterator.
 */
final class CanonicalText {
    private static final Normalizer2 FOLD_DECOMPOSED = Normalizer2.getInstance(null, "nfkc_cf", Normalizer2.Mode.DECOMPOSE);
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    /** Creating a word break iterator loads ICU's rules and dictionaries; one per stream thread is reused. */
    private static final ThreadLocal<BreakIterator> WORD_BREAK =
            ThreadLocal.withInitial(() -> BreakIterator.getWordInstance(ULocale.ROOT));

    private static final int WORD = 0;
    private static final int EMOJI = 1;
    private static final int GAP = 2;

    private CanonicalText() {
    }

    /** The canonical words joined by single spaces (see {@link TextNormalizer#normalize}). */
    static String words(String text) {
        List<Piece> pieces = pieces(text, true);
        StringBuilder out = new StringBuilder(text.length());
        for (Piece p : pieces) {
            if (p.kind == WORD && p.dictionary) {
                segment(p.text, out);
            } else {
                append(out, p.text);
            }
        }
        return out.toString();
    }

    /**
     * The same characters as {@link #words} (folded, marks and invisible characters gone, lookalikes folded) with
     * the separators kept, for an analyzer that tokenises itself: {@code "Thе café’s"} becomes {@code "the cafe's"}.
     */
    static String text(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (Piece p : pieces(text, false)) {
            out.append(p.text);
        }
        return out.toString();
    }

    /** Whether the text has letters of a script written without spaces between words (Han, kana, Thai...). */
    static boolean needsDictionary(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (dictionaryScript(cp)) {
                return true;
            }
        }
        return false;
    }

    private static final class Piece {
        final int kind;
        String text;
        int latin;
        int mappable;
        int unmappable;
        int foreignScript = UScript.INVALID_CODE;
        boolean dictionary;
        /** Lookalikes only as capitals: their lower case looks like no Latin letter. */
        int capitalOnly;
        /** The word with each lookalike letter as the Latin letter it looks like (null without lookalikes). */
        String asLatin;

        Piece(int kind, String text) {
            this.kind = kind;
            this.text = text;
        }
    }

    private static List<Piece> pieces(String text, boolean wordsOnly) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        StringBuilder latinWord = new StringBuilder();
        StringBuilder gap = new StringBuilder();
        Piece current = new Piece(WORD, null);
        int cyrillicBase = -1;
        for (int r = 0; r < text.length(); ) {
            int raw = text.codePointAt(r);
            r += Character.charCount(raw);
            // Folded one character at a time, so each folded letter still knows the letter it came from: a capital
            // looks like another Latin letter than its lower case (Greek Η is "H", η is "n"; Τ is "T", τ nothing).
            String folded = raw < 0x80 ? null : FOLD_DECOMPOSED.getDecomposition(raw);
            if (folded == null && raw >= 0x80) {
                folded = UCharacter.toString(raw);
            }
            char rawLatin = Lookalikes.latin(raw);
            int end = folded == null ? 1 : folded.length();
            for (int i = 0; i < end; ) {
                int cp = folded == null ? UCharacter.toLowerCase(raw) : folded.codePointAt(i);
                char latin = i == 0 && rawLatin != 0 ? rawLatin : Lookalikes.latin(cp);
                i += folded == null ? 1 : Character.charCount(cp);
                if (cp == '\'' || cp == '\u2019') {
                    // An apostrophe inside a word ("don't") joins rather than splits, so "dont" and "don't" match;
                    // the analyzer's form keeps it for the English possessive and stop-word rules.
                    if (!wordsOnly) {
                        current = flushWord(pieces, word, latinWord, current);
                        gap.append('\'');
                    }
                    continue;
                }
                if (dropped(cp)) {
                    // One mark that composes with a Cyrillic letter into a letter of its own (й, ё, ї, ў) is part
                    // of the word's spelling; Latin and Greek diacritics, and marks stacked beyond the first, are not,
                    // nor is it once the letter reads as Latin.
                    if (cyrillicBase >= 0 && NFC.composePair(cyrillicBase, cp) >= 0) {
                        word.appendCodePoint(cp);
                        cyrillicBase = -1;
                    }
                    continue;
                }
                cyrillicBase = cp >= 0x400 && cp < 0x530 && Character.isLetter(cp) ? cp : -1;
                if (wordChar(cp)) {
                    flushGap(pieces, gap);
                    word.appendCodePoint(cp);
                    if (latin != 0) {
                        latinWord.append(latin);
                    } else {
                        latinWord.appendCodePoint(cp);
                    }
                    classify(cp, latin, current);
                    continue;
                }
                current = flushWord(pieces, word, latinWord, current);
                if (emoji(cp)) {
                    flushGap(pieces, gap);
                    pieces.add(new Piece(EMOJI, UCharacter.toString(cp)));
                } else if (!wordsOnly) {
                    gap.appendCodePoint(cp);
                }
            }
        }
        flushWord(pieces, word, latinWord, current);
        flushGap(pieces, gap);
        foldLookalikes(pieces);
        for (Piece p : pieces) {
            if (!TextNormalizer.isAscii(p.text)) {
                p.text = NFC.normalize(p.text);
            }
        }
        return pieces;
    }

    private static Piece flushWord(List<Piece> pieces, StringBuilder word, StringBuilder latinWord, Piece current) {
        if (word.length() == 0) {
            return current;
        }
        current.text = word.toString();
        current.asLatin = current.mappable > 0 ? latinWord.toString() : null;
        pieces.add(current);
        word.setLength(0);
        latinWord.setLength(0);
        return new Piece(WORD, null);
    }

    private static void flushGap(List<Piece> pieces, StringBuilder gap) {
        if (gap.length() > 0) {
            pieces.add(new Piece(GAP, gap.toString()));
            gap.setLength(0);
        }
    }

    /** Inherited-script and enclosing combining marks (diacritics, Zalgo stacks) but the kana voicing; skin tones. */
    private static boolean dropped(int cp) {
        if (cp < 0x300) {
            return false;
        }
        if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
            return true;
        }
        int type = Character.getType(cp);
        // Enclosing marks (keycaps, circles, the Cyrillic ones Zalgo generators stack) never belong to a word.
        return type == Character.ENCLOSING_MARK || (type == Character.NON_SPACING_MARK
                && cp != 0x3099 && cp != 0x309A && UScript.getScript(cp) == UScript.INHERITED);
    }

    private static boolean wordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean emoji(int cp) {
        return cp >= 0xA9 && (UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
                || (cp >= 0x1F1E6 && cp <= 0x1F1FF));
    }

    private static boolean dictionaryScript(int cp) {
        if (cp < 0xE00) {
            return false;
        }
        int script = UScript.getScript(cp);
        return script == UScript.HAN || script == UScript.HIRAGANA || script == UScript.KATAKANA
                || script == UScript.THAI || script == UScript.LAO || script == UScript.KHMER || script == UScript.MYANMAR;
    }

    /** @param latin the Latin letter the letter {@code cp} was folded from looks like, or 0 */
    private static void classify(int cp, char latin, Piece word) {
        if (cp < 0x80) {
            if (cp >= 'a' && cp <= 'z') {
                word.latin++;
            }
            return;
        }
        if (!Character.isLetter(cp)) {
            return;
        }
        if (dictionaryScript(cp)) {
            word.dictionary = true;
            return;
        }
        int script = UScript.getScript(cp);
        if (script == UScript.LATIN) {
            word.latin++;
        } else if (script == UScript.CYRILLIC || script == UScript.GREEK) {
            if (word.foreignScript == UScript.INVALID_CODE) {
                word.foreignScript = script;
            }
            if (latin != 0) {
                word.mappable++;
                if (Lookalikes.latin(cp) == 0) {
                    word.capitalOnly++;
                }
            } else {
                word.unmappable++;
            }
        }
    }

    private static void foldLookalikes(List<Piece> pieces) {
        int latin = 0;
        int mappable = 0;
        int unmappable = 0;
        int capitalOnly = 0;
        boolean anyMixed = false;
        for (Piece p : pieces) {
            latin += p.latin;
            mappable += p.mappable;
            unmappable += p.unmappable;
            capitalOnly += p.capitalOnly;
            anyMixed |= p.latin > 0 && p.mappable + p.unmappable > 0;
        }
        if (mappable + unmappable == 0) {
            return;
        }
        // A capital that looks Latin only as a capital (Н, Т; their н, т do not) says "Russian" as much as an
        // unmappable letter, unless some word mixes scripts, which no Russian or Greek writer does: "НЕТ" stays
        // нет, while "ΑΝ ΗΟUR ΤΟ" (Latin U and R among Greek capitals) reads "an hour to".
        boolean leansLatin = latin >= unmappable + (anyMixed ? 0 : capitalOnly);
        for (Piece p : pieces) {
            if (p.mappable + p.unmappable == 0) {
                continue;
            }
            boolean mixed = p.latin > 0;
            if (mixed && !leansLatin) {
                String other = toScript(p);
                if (other != null) {
                    p.text = other;
                    continue;
                }
            }
            if (p.unmappable == 0 && (mixed || leansLatin)) {
                p.text = p.asLatin;
            }
        }
    }

    /** The word with its Latin letters as lookalikes of its other script, or null when one has none. */
    private static String toScript(Piece p) {
        StringBuilder out = new StringBuilder(p.text.length());
        for (int i = 0; i < p.text.length(); ) {
            int cp = p.text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 'a' && cp <= 'z') {
                int other = Lookalikes.inScript((char) cp, p.foreignScript);
                if (other == 0) {
                    return null;
                }
                out.appendCodePoint(other);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static void segment(String run, StringBuilder out) {
        BreakIterator words = WORD_BREAK.get();
        words.setText(run);
        int start = words.first();
        for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
            append(out, run.substring(start, end));
        }
    }

    private static void append(StringBuilder out, String word) {
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append(word);
    }
}
