package dev.threadguard.moderation.language;

import java.lang.Character.UnicodeScript;

/**
 * The writing system most of a text's letters belong to. Two texts in different writing systems are in different
 * languages, which costs a pass over the characters to know; only two texts in the same system need the language
 * identifier. Japanese counts as {@link #JAPANESE} as soon as kana make up a tenth of its letters (it mixes kana
 * with Han characters), Korean as {@link #KOREAN} from Hangul.
 */
public enum WritingSystem {
    LATIN, CYRILLIC, GREEK, ARABIC, HEBREW, DEVANAGARI, THAI, CHINESE, JAPANESE, KOREAN, OTHER,
    /** No letters at all (numbers, emoji, punctuation): no language to tell. */
    NONE;

    /** {@link #values()} once: it copies its array on every call, twice per text. */
    private static final WritingSystem[] ALL = values();

    /**
     * The dominant writing system of {@code text} (null counts as empty), in one pass over its code points.
     */
    public static WritingSystem of(String text) {
        if (text == null) {
            return NONE;
        }
        int[] counts = new int[ALL.length];
        int kana = 0;
        int letters = 0;
        int ascii = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                // ASCII letters are Latin: no script look-up (a binary search over Unicode's script ranges) for them
                if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
                    ascii++;
                }
                continue;
            }
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            UnicodeScript script = UnicodeScript.of(cp);
            if (script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA) {
                kana++;
            }
            counts[of(script).ordinal()]++;
        }
        counts[LATIN.ordinal()] += ascii;
        letters += ascii;
        if (letters == 0) {
            return NONE;
        }
        if (kana * 10 >= letters) {
            return JAPANESE;
        }
        WritingSystem best = NONE;
        for (WritingSystem w : ALL) {
            if (counts[w.ordinal()] > (best == NONE ? 0 : counts[best.ordinal()])) {
                best = w;
            }
        }
        return best;
    }

    private static WritingSystem of(UnicodeScript script) {
        return switch (script) {
            case LATIN -> LATIN;
            case CYRILLIC -> CYRILLIC;
            case GREEK -> GREEK;
            case ARABIC -> ARABIC;
            case HEBREW -> HEBREW;
            case DEVANAGARI -> DEVANAGARI;
            case THAI -> THAI;
            case HAN -> CHINESE;
            case HIRAGANA, KATAKANA -> JAPANESE;
            case HANGUL -> KOREAN;
            default -> OTHER;
        };
    }

    /** The ISO 639-1 code when the writing system alone names the language (Thai, Korean, Japanese), else null. */
    public String impliedLanguage() {
        return switch (this) {
            case THAI -> "th";
            case KOREAN -> "ko";
            case JAPANESE -> "ja";
            case CHINESE -> "zh";
            case HEBREW -> "he";
            default -> null;
        };
    }
}
