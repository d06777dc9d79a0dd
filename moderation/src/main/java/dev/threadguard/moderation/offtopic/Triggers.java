package dev.threadguard.moderation.offtopic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A one-pass screen in front of {@link PromotionCues}' patterns: a pattern can only match where its first word
 * starts, so a text in which no word starts with one of a pattern's first words needs no regex search. Each
 * pattern scanned every position of every comment for each of its ~20 alternatives (about a seventh of the stream
 * thread in JFR, words only); most comments have none of the first words and now cost one pass over their
 * characters. The pass also notes where each first word starts, and a pattern is tried only there ({@link
 * #starts}): short, common first words ("me", "be", "read", "see") let most texts through a yes-or-no screen, and
 * a search from every position of those texts was still a tenth of the off-topic check.
 *
 * <p>The lists are necessary conditions, kept by hand next to the patterns (TriggersTest reads every alternative's
 * possible first words out of the patterns and fails when one is not covered): every alternative of a pattern begins
 * with {@code \b} and one of its pattern's words (a prefix is enough: {@code earn} covers earned and earning), or,
 * for {@code LINK}, needs one of the substrings below. A word start here is any position not preceded by a letter
 * or digit, a superset of the patterns' {@code \b}, so the screen never hides a match. PromotionCuesTest compares
 * screened and unscreened results over the project's own texts.
 */
final class Triggers {
    /**
     * Where each pattern may begin: the word starts at which one of its first words starts (for {@code SALES} also
     * each digit starting a word, "20% off"), in increasing order; {@code LINK} only whether it may match anywhere.
     */
    record Starts(boolean link, int[] earnings, int[] contact, int[] sales) {
        /** No screen: every pattern may match anywhere (null positions: search the whole text). */
        static final Starts ANYWHERE = new Starts(true, null, null, null);
    }

    private static final String[] EARNINGS = {"made", "make", "making", "earn", "paid", "pays", "income", "profit",
        "got", "work", "job", "passive", "side", "extra", "per", "be", "ganar", "trabaj", "desde", "ingresos", "gagner",
        "travail", "revenu", "geld", "von", "nebenverdienst", "heimarbeit", "ganhar", "trabalh", "renda"};
    private static final String[] CONTACT = {"contact", "message", "dm", "pm", "text", "email", "whatsapp", "call",
        "whats", "telegram", "see", "find", "learn", "read", "visit", "link", "check", "click", "subscribe", "sign",
        "cont", "escr", "kontaktier", "schreib", "besuch", "me", "entre"};
    private static final String[] SALES = {"finally", "limited", "promo", "free", "buy", "order", "shop", "best",
        "discount", "gratis", "offerta", "oferta", "descuento", "soldes", "angebot", "rabatt", "frete", "desconto"};

    /** Per first character (a-z), the words of each pattern that start with it. */
    private static final String[][] EARNINGS_BY_CHAR = byFirstChar(EARNINGS);
    private static final String[][] CONTACT_BY_CHAR = byFirstChar(CONTACT);
    private static final String[][] SALES_BY_CHAR = byFirstChar(SALES);

    private Triggers() {
    }

    /** The first words screened for a class ({@code LINK} is screened by substrings, not words: empty). */
    static List<String> words(PromotionCues.Cue cue) {
        return switch (cue) {
            case LINK -> List.of();
            case EARNINGS -> List.of(EARNINGS);
            case CONTACT -> List.of(CONTACT);
            case SALES -> List.of(SALES);
        };
    }

    /** Where the patterns may begin in {@code t} (lower case, as PromotionCues searches it). */
    static Starts starts(String t) {
        Positions earnings = new Positions();
        Positions contact = new Positions();
        Positions sales = new Positions();
        boolean dotLetter = false;
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c == '.' && i + 1 < n && t.charAt(i + 1) >= 'a' && t.charAt(i + 1) <= 'z') {
                dotLetter = true;
            }
            if (i > 0 && Character.isLetterOrDigit(t.charAt(i - 1))) {
                continue;
            }
            if (c >= '0' && c <= '9') {
                sales.add(i); // "20% off"
            } else if (c >= 'a' && c <= 'z') {
                int k = c - 'a';
                if (startsWithAny(t, i, EARNINGS_BY_CHAR[k])) {
                    earnings.add(i);
                }
                if (startsWithAny(t, i, CONTACT_BY_CHAR[k])) {
                    contact.add(i);
                }
                if (startsWithAny(t, i, SALES_BY_CHAR[k])) {
                    sales.add(i);
                }
            }
        }
        // LINK: "http(s)://" or "www." anywhere, a dot followed by a letter (a domain), or "dot" spelt out.
        boolean link = dotLetter || t.contains("http") || t.contains("www.") || t.contains("dot");
        return new Starts(link, earnings.toArray(), contact.toArray(), sales.toArray());
    }

    /** A growable list of positions without boxing; most texts have none or a few. */
    private static final class Positions {
        private int[] at = new int[4];
        private int size;

        void add(int position) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
            }
            at[size++] = position;
        }

        int[] toArray() {
            return Arrays.copyOf(at, size);
        }
    }

    private static boolean startsWithAny(String t, int at, String[] words) {
        for (String w : words) {
            if (t.startsWith(w, at)) {
                return true;
            }
        }
        return false;
    }

    private static String[][] byFirstChar(String[] words) {
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            lists.add(new ArrayList<>());
        }
        for (String w : words) {
            lists.get(w.charAt(0) - 'a').add(w);
        }
        String[][] out = new String[26][];
        for (int i = 0; i < 26; i++) {
            out[i] = lists.get(i).toArray(String[]::new);
        }
        return out;
    }
}
