package dev.threadguard.moderation.duplicate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates a comment's own words from the text it quotes, so that quoting is not mistaken for copying.
 *
 * <p>Quoted: every line whose first non-blank character is {@code >} (mail and forum style), and every span between
 * a pair of quotation marks: straight {@code "…"}, typographic {@code “…”} and {@code „…“}/{@code „…”}, guillemets
 * {@code «…»} and {@code »…«}. Single quotes are not quotation marks here: they are apostrophes far more often. A mark
 * without its closing partner quotes nothing (the rest of the text stays the writer's own). A line that opens with an
 * attribution, as flat comment systems and forums write quotes ({@code Harriet wrote: …}, {@code Quote: …},
 * {@code Quoting Ann: …}, {@code Originally posted by Ann: …}), quotes the rest of that line. Not a site's own
 * inline reply header ({@code (In reply to: … -- Ann) my answer}): some sites print it in front of every reply, and
 * the same reply then appears with and without it. Pure functions.
 *
 * @param own    the text without its quoted parts (line breaks and sentence punctuation kept)
 * @param quoted the quoted parts, each ending with a line break; empty when nothing is quoted
 */
record Quotes(String own, String quoted) {
    static final Quotes NONE = new Quotes("", "");

    boolean hasQuote() {
        return !quoted.isEmpty();
    }

    /** The text split into own words and quotations; the text itself (no copy) when it quotes nothing. */
    static Quotes of(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        if (!mayQuote(text)) {
            return new Quotes(text, "");
        }
        StringBuilder own = new StringBuilder(text.length());
        StringBuilder quoted = new StringBuilder();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            if (line.stripLeading().startsWith(">")) {
                quoted.append(afterQuoteMarkers(line)).append('\n');
            } else {
                Matcher attribution = ATTRIBUTION.matcher(line).region(0, Math.min(line.length(), ATTRIBUTION_REACH));
                if (attribution.lookingAt() && attribution.end() < line.length()) {
                    quoted.append(line, attribution.end(), line.length()).append('\n');
                } else {
                    marked(line, own, quoted);
                }
            }
            own.append('\n');
            start = end + 1;
        }
        return new Quotes(own.toString(), quoted.toString());
    }

    /**
     * The start of a quoting line: who wrote it, or a quote marker, then a colon. Up to three words before "wrote" or
     * "said", so "I said: ..." quotes too but a sentence that merely contains "said" does not; after "Quoting" or
     * "Originally posted by" a name (a capital, an @, or a user name's digit or underscore), so "Quoting is hard:"
     * is the writer's own sentence.
     */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            // Possessive, and the name's digit or underscore found at one place only: "[^\\s:]*[\\d_][^\\s:]*" tried
            // every split of a long run of digits (quadratic: 5 s for one 20,000-character line).
            "\\s*+(?:quote|(?:quoting|originally posted by)\\s++(?-i:[\\p{Lu}@][^\\s:]*+|[^\\s:\\d_]*+[\\d_][^\\s:]*+)"
                    + "(?:\\s++[^\\s:]++)?|(?:[^\\s:.!?]++\\s++){1,3}(?:wrote|writes|said|says))\\s*:\\s*",
            Pattern.CASE_INSENSITIVE);
    /** Characters of a line an attribution can take: names and "Originally posted by" are short. */
    private static final int ATTRIBUTION_REACH = 200;

    /**
     * The line without its leading quote markers ("> > text", ">>text"). A loop, not a regular expression: a group
     * repeated by {@code (>\\s*)+} recurses once per marker in java.util.regex, and a line of 20,000 markers
     * overflowed the stack of the stream thread.
     */
    private static String afterQuoteMarkers(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == '>' || Character.isWhitespace(line.charAt(i)))) {
            i++;
        }
        return line.substring(i);
    }

    /** A fast pass: most comments hold no quotation character at all. */
    private static boolean mayQuote(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '>' || c == '"' || c == ':' || c == '\u201C' || c == '\u201E' || c == '\u00AB' || c == '\u00BB') {
                return true;
            }
        }
        return false;
    }

    /** Appends the line's unquoted parts to {@code own} and its quotations to {@code quoted}. */
    private static void marked(String line, StringBuilder own, StringBuilder quoted) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int close = closing(c) == 0 ? -1 : closingIndex(line, i + 1, c);
            if (close < 0) {
                own.append(c);
                i++;
                continue;
            }
            quoted.append(line, i + 1, close).append('\n');
            // The quotation ends a sentence of its own: what follows is not glued to the words before it.
            own.append(". ");
            i = close + 1;
        }
    }

    /** Where the quotation opened at {@code from - 1} by {@code open} closes, or -1 when it does not on this line. */
    private static int closingIndex(String line, int from, char open) {
        char close = closing(open);
        for (int j = from; j < line.length(); j++) {
            char d = line.charAt(j);
            if (d == close || (open == '\u201E' && d == '\u201D')) {
                return j;
            }
        }
        return -1;
    }

    /** The mark that closes a quotation opened by {@code c}, or 0 when {@code c} opens none. */
    private static char closing(char c) {
        return switch (c) {
            case '"' -> '"';
            case '\u201C' -> '\u201D'; // “ … ”
            case '\u201E' -> '\u201C'; // „ … “ (German; „ … ” is accepted too)
            case '\u00AB' -> '\u00BB'; // « … »
            case '\u00BB' -> '\u00AB'; // » … « (German guillemets)
            default -> 0;
        };
    }
}
