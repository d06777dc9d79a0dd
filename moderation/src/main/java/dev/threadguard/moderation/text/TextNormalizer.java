package dev.threadguard.moderation.text;

/**
 * The canonical form of a text, for comparison and never for display: two comments a reader would read as the same
 * words get the same form, however they were encoded. {@link #normalize} gives canonical words separated by single
 * spaces:
 * <ul>
 *   <li>HTML character references and markup decoded ({@code Don&#39;t <b>go</b>} reads "Don't go"; jsoup,
 *   {@link MarkupDecoder});</li>
 *   <li>NFKC with case folding (full-width letters, ligatures), invisible characters (zero-width, bidi controls,
 *   variation selectors) and combining diacritics, stacked "Zalgo" marks included, removed; Cyrillic and Greek
 *   lookalike letters inside Latin words folded to Latin, while Russian or Greek words stay as written
 *   ({@link CanonicalText}, {@link Lookalikes});</li>
 *   <li>words: runs of letters and digits, apostrophes joining ("don't" = "dont"), everything else a separator;
 *   Chinese, Japanese, Thai (scripts without spaces) split into words by ICU's dictionary-based segmentation, so a
 *   Chinese sentence has a dozen words rather than one; each emoji a word, so an emoji-only comment can be
 *   compared.</li>
 * </ul>
 * Cost: a plain-ASCII text without {@code &} or {@code <} (most comments) takes one allocation-light pass and no
 * ICU work; only other texts go through jsoup or ICU. Thread-safe.
 */
public final class TextNormalizer {
    private TextNormalizer() {
    }

    /**
     * The canonical words of a text separated by single spaces, without leading or trailing space; "" for null or a
     * text without letters, digits or emoji. {@code "  Where   WAS it?!"} becomes {@code "where was it"},
     * {@code "Thе саt"} (Cyrillic е, с, а) {@code "the cat"}, {@code "我们城市的"} {@code "我们 城市 的"}.
     */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (plainAscii(text)) {
            return normalizeAscii(text);
        }
        String decoded = MarkupDecoder.mayHaveMarkup(text) ? MarkupDecoder.decode(text) : text;
        return isAscii(decoded) ? normalizeAscii(decoded) : normalizeUnicode(decoded);
    }

    /** {@link #normalize} for any text without markup. */
    static String normalizeUnicode(String text) {
        return CanonicalText.words(text);
    }

    /**
     * The text for a tokenising analyzer or a text-vector model: markup decoded and the same character folding as
     * {@link #normalize}, with punctuation and spacing kept ({@code "Thе café’s"} becomes {@code "the cafe's"}); a
     * plain ASCII text as it is. A model given the text as posted reads lookalike letters as other words.
     */
    public static String analyzable(String text) {
        if (plainAscii(text)) {
            return text;
        }
        String decoded = MarkupDecoder.mayHaveMarkup(text) ? MarkupDecoder.decode(text) : text;
        return isAscii(decoded) ? decoded : CanonicalText.text(decoded);
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

    /** Whether every character is ASCII and none is {@code &} or {@code <}: nothing to decode or fold but case. */
    private static boolean plainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || c == '&' || c == '<') {
                return false;
            }
        }
        return true;
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
}
