package dev.threadguard.moderation.offtopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs that a comment advertises rather than discusses: a link or web address (also spelt out, "shop dot com"),
 * an earnings pitch (sums earned, working from home, extra income), a call to contact or visit the poster, and
 * sales talk (offers, discounts, "finally it's here"), in English, Spanish, French, German and Portuguese. Each
 * class counts once however often it occurs. A pitch needs two classes, or a link that is nearly the whole comment:
 * a reader citing a source link, or mentioning a price, shows one class only. Thread-safe (immutable patterns).
 */
final class PromotionCues {
    /** Words besides the link from which a comment is more than a bare link. */
    static final int BARE_LINK_WORDS = 4;

    enum Cue {
        LINK("a link"),
        EARNINGS("an earnings pitch"),
        CONTACT("a call to contact or visit the poster"),
        SALES("sales talk");

        final String description;

        Cue(String description) {
            this.description = description;
        }
    }

    /**
     * A web address. A name label is at most 63 characters (RFC 1035): bounded so, a run of "a-a-a-…" (a word
     * boundary at every other character) costs linear time, where an unbounded label backtracked from each of them.
     */
    private static final Pattern LINK = Pattern.compile(
            "(?:https?://|www\\.)\\S+"
                    + "|\\b[a-z0-9][a-z0-9-]{0,62}\\.(?:com|net|org|shop|store|biz|info|online|site|xyz|io|co|me|ly|app|top|club|link)(?:/\\S*)?\\b"
                    + "|\\b[a-z0-9][a-z0-9-]{0,62}\\s*(?:\\(dot\\)|\\[dot\\]|\\bdot(?=\\s))\\s*[a-z]{2,12}\\b");
    private static final Pattern EARNINGS = Pattern.compile(
            "\\b(?:made|make|making|earn|earned|earning|earns|paid|pays|income|profit|got)\\b[^.!?]{0,40}"
                    + "(?:[$€£]\\s?\\d|\\d[\\d,.]*\\s?(?:k\\b|dollars|usd|euros?|pounds|bucks|[$€£]))"
                    + "|\\b(?:work(?:ing)?|jobs?) (?:from|at) home\\b|\\bpassive income\\b|\\bside hustle\\b"
                    + "|\\bextra (?:income|cash|money)\\b|\\bper (?:hour|day|week) from\\b|\\bbe your own boss\\b"
                    + "|\\bganar dinero\\b|\\b(?:trabaj\\w* )?desde casa\\b|\\bingresos extra\\b"
                    + "|\\bgagner de l'argent\\b|\\b(?:travail|travailler) (?:à|a) (?:domicile|la maison)\\b|\\brevenus? compl[ée]mentaires?\\b"
                    + "|\\bgeld verdienen\\b|\\bvon zu hause\\b|\\bnebenverdienst\\b|\\bheimarbeit\\b"
                    + "|\\bganhar dinheiro\\b|\\btrabalh\\w* (?:de|em) casa\\b|\\brenda extra\\b");
    private static final Pattern CONTACT = Pattern.compile(
            "\\b(?:contact|message|dm|pm|text|email|whatsapp|call) me\\b|\\bwhats ?app\\b|\\btelegram\\b"
                    + "|\\b(?:see|find out|learn|read) (?:how|more) (?:at|on|here)\\b|\\bvisit (?:my|our|us)\\b|\\blink in (?:my )?bio\\b"
                    + "|\\bcheck (?:out )?(?:my|our) (?:site|website|page|channel|profile|shop|store)\\b|\\bclick (?:here|the link|my|on my)\\b"
                    + "|\\bsubscribe to my\\b|\\bsign up (?:at|here|now)\\b"
                    + "|\\bcont[aá]cta(?:me|nos)\\b|\\bescr[ií]beme\\b|\\bvisita (?:mi|nuestra)\\b"
                    + "|\\bcontactez[- ](?:moi|nous)\\b|\\bvisitez (?:mon|notre)\\b"
                    + "|\\bkontaktier(?:e|en sie) (?:mich|uns)\\b|\\bschreib(?:en sie)? mir\\b|\\bbesuch(?:e|en sie) (?:meine|unsere)\\b"
                    + "|\\bme chama\\b|\\bentre em contato\\b|\\bvisite (?:meu|minha|nosso|nossa)\\b");
    private static final Pattern SALES = Pattern.compile(
            "\\bfinally (?:it'?s|it is) here\\b|\\blimited (?:time )?offer\\b|\\b\\d{1,2} ?% off\\b|\\bpromo(?:tion)? code\\b"
                    + "|\\bfree shipping\\b|\\b(?:buy|order|shop) (?:now|today|here)\\b|\\bbest prices?\\b|\\bdiscount code\\b"
                    + "|\\bgratis\\b|\\bofferta\\b|\\boferta\\b|\\bdescuento\\b|\\bpromoci[oó]n\\b|\\bsoldes\\b|\\bangebot\\b|\\brabatt\\b"
                    + "|\\bfrete gr[aá]tis\\b|\\bdesconto\\b");

    /** The pattern of a class, for the test that every alternative's first word is in {@link Triggers}' lists. */
    static Pattern pattern(Cue cue) {
        return switch (cue) {
            case LINK -> LINK;
            case EARNINGS -> EARNINGS;
            case CONTACT -> CONTACT;
            case SALES -> SALES;
        };
    }

    /**
     * What was found.
     *
     * @param cues      the classes found, in {@link Cue} order
     * @param bareLink  the comment is a link with at most {@link #BARE_LINK_WORDS} other words
     */
    record Found(List<Cue> cues, boolean bareLink) {
        static final Found NONE = new Found(List.of(), false);

        /** A pitch: two classes or more, or a bare link. */
        boolean promotion() {
            return bareLink || cues.size() >= 2;
        }

        /** A bare link and no other sign of advertising: it may be a reader citing a source (see {@link #citedWords}). */
        boolean bareLinkOnly() {
            return bareLink && cues.size() < 2;
        }

        String describe() {
            return bareLinkOnly() ? "a bare link"
                    : String.join(" and ", cues.stream().map(c -> c.description).toList());
        }
    }

    Found find(String text) {
        return find(text, true);
    }

    /**
     * @param screen try each pattern only where {@link Triggers} says it may begin (the default); false searches
     *               every pattern over every text, which gives the same result more slowly (the tests compare the two)
     */
    Found find(String text, boolean screen) {
        if (text == null || text.isBlank()) {
            return new Found(List.of(), false);
        }
        String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        Triggers.Starts starts = screen ? Triggers.starts(t) : Triggers.Starts.ANYWHERE;
        List<Cue> cues = new ArrayList<>(4);
        boolean hasLink = starts.link() && LINK.matcher(t).find();
        addIf(cues, Cue.LINK, hasLink);
        addIf(cues, Cue.EARNINGS, matchesAt(EARNINGS, t, starts.earnings()));
        addIf(cues, Cue.CONTACT, matchesAt(CONTACT, t, starts.contact()));
        addIf(cues, Cue.SALES, matchesAt(SALES, t, starts.sales()));
        boolean bare = hasLink && words(LINK.matcher(t).replaceAll(" ")) <= BARE_LINK_WORDS;
        return new Found(List.copyOf(cues), bare);
    }

    /**
     * The words a bare link names, to judge it as a reader citing a source: its host's and path's words
     * ({@code news.example.org/2024/skype-moves-to-azure.html} → "news example skype moves to azure"), without
     * scheme, top-level domain, file endings and numbers. Null when the link reads as commercial (a shop or sales
     * word in it, a shop-like top-level domain, an affiliate or campaign parameter: a bare link to a shop stays
     * advertising however related its product is) or names fewer than {@link #CITED_MIN_WORDS} words (a shortened
     * or opaque link says nothing of its subject).
     *
     * @param text the comment's text, in which {@link Found#bareLinkOnly()} held
     */
    static String citedWords(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        Matcher m = LINK.matcher(t);
        StringBuilder words = new StringBuilder();
        int n = 0;
        while (m.find()) {
            String link = m.group();
            if (COMMERCIAL_LINK.matcher(link).find()) {
                return null;
            }
            for (String w : link.split("[^\\p{L}]+")) {
                if (w.length() >= 2 && !LINK_NOISE.contains(w)) {
                    words.append(n++ == 0 ? "" : " ").append(w);
                }
            }
        }
        return n < CITED_MIN_WORDS ? null : words.toString();
    }

    /** Fewer words in a bare link than this say nothing of its subject. */
    static final int CITED_MIN_WORDS = 2;

    private static final Pattern COMMERCIAL_LINK = Pattern.compile(
            "shop|store|\\bbuy|cart\\b|checkout|\\bdeals?\\b|discount|coupon|promo|\\boffers?\\b|\\bsales?\\b|cheap"
                    + "|\\bproducts?\\b|\\border\\b|\\.(?:biz|xyz|top|club|online|site)\\b"
                    + "|[?&](?:ref|aff|affiliate|tag|utm_[a-z]+)=");
    private static final Set<String> LINK_NOISE = Set.of("http", "https", "www", "com", "net",
            "org", "co", "uk", "io", "me", "ly", "info", "html", "htm", "php", "asp", "aspx", "jsp", "cgi", "index",
            "amp", "id", "dot");

    private static void addIf(List<Cue> cues, Cue cue, boolean found) {
        if (found) {
            cues.add(cue);
        }
    }

    /**
     * Whether {@code pattern} matches at one of {@code starts} (null: anywhere, {@code find()}): the same as {@code
     * find()} over the whole text when every match can only begin at one of them ({@link Triggers}), but tried at a
     * few positions instead of every one. Transparent bounds, so the leading {@code \b} sees the character before
     * the start.
     */
    private static boolean matchesAt(Pattern pattern, String t, int[] starts) {
        if (starts == null) {
            return pattern.matcher(t).find();
        }
        if (starts.length == 0) {
            return false;
        }
        Matcher m = pattern.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
        for (int start : starts) {
            if (m.region(start, t.length()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private static int words(String t) {
        int n = 0;
        for (String w : t.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                n++;
            }
        }
        return n;
    }
}
