package dev.threadguard.moderation.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Canonical forms of a text for comparison: two comments that differ only in Unicode presentation (full-width
 * letters, ligatures), letter case, punctuation or spacing get the same form.
 */
public final class TextNormalizer {
    private TextNormalizer() {
    }

    /**
     * NFKC, case folded, every run of characters that is neither a letter nor a digit turned into one space,
     * trimmed. {@code "Where  was it?!"} becomes {@code "where was it"}.
     */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String folded = fold(text);
        StringBuilder out = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            // An apostrophe inside a word ("don't") joins rather than splits, so "dont" and "don't" match.
            if (cp == '\'' || cp == '\u2019') {
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.appendCodePoint(cp);
            } else {
                pendingSpace = true;
            }
        }
        return out.toString();
    }

    /**
     * The normalized text without any spaces: the key under which re-spaced or re-punctuated copies
     * ({@code "the Azure"} / {@code "the  Azure."} / {@code "theAzure"}) coincide.
     */
    public static String squeeze(String normalized) {
        return normalized.indexOf(' ') < 0 ? normalized : normalized.replace(" ", "");
    }

    /** Number of words of a normalized text. */
    public static int wordCount(String normalized) {
        if (normalized.isEmpty()) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < normalized.length(); i++) {
            if (normalized.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    /** NFKC then a locale-independent case fold (lower(upper(x)) also folds e.g. the final sigma and "ß"-like cases). */
    static String fold(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
