package dev.threadguard.contract;

import java.util.List;

/**
 * What characters Threadguard accepts in text, the same rules for every entry (events, decisions, HTTP, Kafka):
 *
 * <ul>
 *   <li>All text must be valid Unicode: an unpaired UTF-16 surrogate (JSON's {@code "\ud800"} alone) is refused,
 *       since it cannot be stored in UTF-8 (PostgreSQL), nor shown.
 *   <li>Ids, names and one-line text (author, moderator, titles, tags, URLs): no control characters at all
 *       ({@link Character#isISOControl}: U+0000–U+001F and U+007F–U+009F, so no NUL, BEL, ESC, tab or newline).
 *   <li>Multi-line text (comment and article bodies, a decision's reason): tab, line feed and carriage return are
 *       allowed; any other control character is refused.
 * </ul>
 *
 * Other characters, bidirectional overrides and emoji included, are accepted and rendered as text (the pages set
 * {@code textContent}, never HTML).
 */
public final class TextRules {
    private TextRules() {
    }

    /** Adds a violation for {@code field} when one-line {@code value} breaks the rules. */
    public static void checkLine(List<Violation> out, String field, String value) {
        check(out, field, value, false);
    }

    /** Adds a violation for {@code field} when multi-line {@code value} breaks the rules. */
    public static void checkMultiline(List<Violation> out, String field, String value) {
        check(out, field, value, true);
    }

    private static void check(List<Violation> out, String field, String value, boolean multiline) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                out.add(unpaired(field, c, i));
                return;
            }
            if (Character.isLowSurrogate(c)) {
                out.add(unpaired(field, c, i));
                return;
            }
            if (c == '\u0000') {
                // Named on its own: text databases (PostgreSQL among them) cannot store it at all.
                out.add(new Violation(field, "must not contain NUL characters; found U+0000 at position " + i));
                return;
            }
            if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) {
                out.add(new Violation(field, "must not contain control characters" + (multiline
                        ? " other than tab and line breaks" : "") + "; found " + codePoint(c) + " at position " + i));
                return;
            }
        }
    }

    private static Violation unpaired(String field, char c, int index) {
        return new Violation(field, "is not valid UTF-16/Unicode: unpaired surrogate " + codePoint(c)
                + " at position " + index);
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
