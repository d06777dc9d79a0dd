package dev.threadguard.moderation.text;

import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/**
 * HTML as a reader sees it: character references ({@code &#39;}, {@code &quot;}, {@code &amp;}) decoded and
 * markup ({@code <b>}, {@code <a href=..>}) reduced to its text, by jsoup. Comment systems that escape a text once
 * more than the one it was copied from deliver the same comment as {@code Don&#39;t}; for comparison both are
 * {@code Don't}. Decoding repeats (at most {@value #MAX_ROUNDS} rounds) so a doubly escaped copy
 * ({@code &amp;quot;}) meets its original too. Thread-safe (stateless).
 */
final class MarkupDecoder {
    static final int MAX_ROUNDS = 3;

    private MarkupDecoder() {
    }

    /**
     * Whether the text may hold a character reference ({@code &} before a letter or {@code #}) or a tag ({@code <}
     * before a letter, {@code /} or {@code !}, with a {@code >} after it). A single scan without allocation: almost
     * no comment has either, and those skip jsoup entirely.
     */
    static boolean mayHaveMarkup(String text) {
        int lastClose = text.lastIndexOf('>');
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c != '&' && c != '<') {
                continue;
            }
            char next = text.charAt(i + 1);
            boolean letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
            if (c == '&' && (letter || next == '#')) {
                return true;
            }
            if (c == '<' && (letter || next == '/' || next == '!') && lastClose > i) {
                return true;
            }
        }
        return false;
    }

    /** The text with references decoded and tags removed; unchanged when it has neither. */
    static String decode(String text) {
        String current = text;
        for (int round = 0; round < MAX_ROUNDS && mayHaveMarkup(current); round++) {
            String next = hasTag(current)
                    ? Jsoup.parseBodyFragment(current).body().text()
                    : Parser.unescapeEntities(current, false);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static boolean hasTag(String text) {
        int lastClose = text.lastIndexOf('>');
        for (int i = 0; i < lastClose; i++) {
            if (text.charAt(i) == '<') {
                char next = text.charAt(i + 1);
                if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/' || next == '!') {
                    return true;
                }
            }
        }
        return false;
    }
}
