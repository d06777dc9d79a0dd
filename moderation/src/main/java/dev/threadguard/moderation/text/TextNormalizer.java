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
        return isAscii(text) ? normalizeAscii(text) : normalizeUnicode(text);
    }

    /** {@link #normalize} for any text. */
    static String normalizeUnicode(String text) {
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
     * {@link #normalize} for a text of ASCII characters only, the usual case, in one pass without copies: NFKC leaves
     * ASCII unchanged, the case fold of ASCII is its lower case, and its letters and digits are [A-Za-z0-9].
     */
    private static String normalizeAscii(String text) {
        char[] out = new char[text.length()];
        int n = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                continue;
            }
            boolean lower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            boolean upper = c >= 'A' && c <= 'Z';
            if (lower || upper) {
                if (pendingSpace && n > 0) {
                    out[n++] = ' ';
                }
                pendingSpace = false;
                out[n++] = upper ? (char) (c + ('a' - 'A')) : c;
            } else {
                pendingSpace = true;
            }
        }
        return new String(out, 0, n);
    }

    /** Whether every character is ASCII (then NFKC and the case fold have nothing to do beyond lower case). */
    public static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
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
