package dev.threadguard.launcher.bench;

import java.util.List;
import java.util.Random;

/**
 * The pieces invented benchmark texts are built from: per subject, words that make a sentence about it,
 * and help requests to the site. Written for the benchmark (no evaluation data); combined at random, so
 * two comments share a sentence now and then, as real ones do, but are not near-duplicates by chance.
 */
final class Fragments {
    /** One subject an article and its on-topic comments are about. */
    record Subject(String name, List<String> nouns, List<String> verbs, List<String> adjectives) {
    }

    static final List<Subject> SUBJECTS = List.of(
            new Subject("phones", List.of("battery", "screen", "camera", "charger", "firmware", "handset", "modem",
                    "update", "antenna", "processor"),
                    List.of("drains", "overheats", "improves", "lags", "survives", "breaks", "charges", "ships"),
                    List.of("flagship", "cheaper", "slower", "brighter", "thinner", "repairable", "locked")),
            new Subject("railways", List.of("timetable", "platform", "signal", "carriage", "ticket", "fare", "junction",
                    "operator", "depot", "track"),
                    List.of("delays", "reopens", "costs", "doubles", "connects", "closes", "stops", "runs"),
                    List.of("regional", "overcrowded", "electric", "late", "direct", "subsidised", "busy")),
            new Subject("football", List.of("striker", "keeper", "midfield", "manager", "penalty", "transfer", "derby",
                    "season", "referee", "stadium"),
                    List.of("scores", "concedes", "defends", "misses", "signs", "wins", "loses", "presses"),
                    List.of("young", "expensive", "tired", "brilliant", "offside", "injured", "relegated")),
            new Subject("cooking", List.of("recipe", "oven", "dough", "sauce", "flour", "butter", "onion", "broth",
                    "skillet", "spice"),
                    List.of("burns", "rises", "thickens", "simmers", "tastes", "crumbles", "browns", "sets"),
                    List.of("crispy", "salty", "homemade", "bland", "rich", "fresh", "smoky")),
            new Subject("elections", List.of("ballot", "candidate", "turnout", "council", "poll", "manifesto",
                    "district", "recount", "coalition", "budget"),
                    List.of("promises", "votes", "wins", "campaigns", "funds", "rejects", "debates", "counts"),
                    List.of("local", "narrow", "early", "contested", "record", "hung", "honest")),
            new Subject("astronomy", List.of("telescope", "comet", "orbit", "planet", "eclipse", "satellite", "probe",
                    "nebula", "rocket", "lander"),
                    List.of("launches", "detects", "orbits", "lands", "fades", "observes", "measures", "drifts"),
                    List.of("distant", "faint", "icy", "rocky", "bright", "crewed", "reusable")),
            new Subject("housing", List.of("rent", "mortgage", "landlord", "tenant", "deposit", "flat", "planning",
                    "developer", "estate", "loft"),
                    List.of("rises", "stalls", "builds", "evicts", "approves", "sells", "renovates", "leaks"),
                    List.of("affordable", "damp", "vacant", "listed", "cramped", "social", "overpriced")),
            new Subject("gardening", List.of("compost", "tomato", "hedge", "soil", "seedling", "greenhouse", "mulch",
                    "orchard", "lawn", "weed"),
                    List.of("grows", "wilts", "blooms", "spreads", "ripens", "rots", "thrives", "needs"),
                    List.of("organic", "shady", "frosty", "heavy", "dry", "raised", "native")));

    private static final List<String> OPENERS = List.of("Honestly", "I think", "In my experience", "To be fair",
            "Frankly", "As far as I can tell", "My guess is", "Last year", "Around here", "If you ask me",
            "Funny enough", "Oddly", "From what I read", "My neighbour says", "Years ago");

    private static final List<String> TAILS = List.of("and nobody seems to care", "which is the whole point",
            "than anyone expected", "for the third time this month", "without any warning", "at least on paper",
            "and that worries me", "so the article is right", "unlike the last one", "despite what they claim",
            "more often than not", "which surprised me", "if the numbers hold", "every single winter",
            "and I doubt that changes");

    private static final List<String> HELP_ASKS = List.of("How do I reset my password on this site",
            "Why can I not log in to post here anymore", "Can someone tell me how to change the email on my account",
            "My comments keep vanishing after I press submit, what am I doing wrong",
            "Is there a way to turn off the notification emails", "How do I delete my account here",
            "The reply button does nothing on my tablet, is that a known problem",
            "Who do I contact about a charge for the subscription I cancelled",
            "Where is the setting to change my display name", "Why does the page log me out every few minutes");

    private static final List<String> HELP_DETAILS = List.of("I tried two browsers and cleared the cache already",
            "the help page just sends me in a circle", "support has not answered my message for a week",
            "it worked fine until the redesign", "I get an error code and a blank page",
            "the link in the email has expired every time", "any admin reading this please get in touch",
            "I am on the latest version of the app");

    private static final List<String> DEVICES = List.of("phone", "laptop", "tablet", "work computer", "old desktop",
            "e-reader", "smart television", "netbook");

    private Fragments() {
    }

    /** A sentence about {@code s}, 8 to 16 words. */
    static String sentence(Subject s, Random r) {
        return pick(OPENERS, r) + " the " + pick(s.adjectives(), r) + " " + pick(s.nouns(), r) + " "
                + pick(s.verbs(), r) + " the " + pick(s.nouns(), r) + " " + pick(TAILS, r) + ".";
    }

    /** Sentences about {@code s} until the text has {@code words} words, cut there. */
    static String text(Subject s, Random r, int words) {
        StringBuilder sb = new StringBuilder();
        while (countWords(sb) < words) {
            sb.append(sb.isEmpty() ? "" : " ").append(sentence(s, r));
        }
        return cut(sb.toString(), words);
    }

    /** A help request to the site (not about the article), padded with details to {@code words} words. */
    static String helpRequest(Random r, int words) {
        StringBuilder sb = new StringBuilder(pick(HELP_ASKS, r)).append("? ")
                .append("It started ").append(2 + r.nextInt(40)).append(" days ago on my ").append(pick(DEVICES, r))
                .append(". ");
        while (countWords(sb) < words) {
            String detail = pick(HELP_DETAILS, r);
            sb.append(Character.toUpperCase(detail.charAt(0))).append(detail.substring(1)).append(". ");
        }
        return cut(sb.toString().trim(), words);
    }

    /** {@code text} with one word dropped: a copy with a small edit. */
    static String edited(String text, Random r) {
        String[] w = text.split(" ");
        int drop = r.nextInt(w.length);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i != drop) {
                sb.append(sb.isEmpty() ? "" : " ").append(w[i]);
            }
        }
        return sb.toString();
    }

    static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    private static int countWords(CharSequence s) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean letter = s.charAt(i) != ' ';
            if (letter && !in) {
                n++;
            }
            in = letter;
        }
        return n;
    }

    private static String cut(String text, int words) {
        String[] w = text.split(" ");
        if (w.length <= words) {
            return text;
        }
        String joined = String.join(" ", java.util.Arrays.copyOf(w, words));
        return joined.endsWith(".") ? joined : joined + ".";
    }
}
