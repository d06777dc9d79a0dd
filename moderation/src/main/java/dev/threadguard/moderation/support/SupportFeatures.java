package dev.threadguard.moderation.support;

import dev.threadguard.moderation.support.SupportAssessment.Cue;
import dev.threadguard.moderation.text.TermWeights;
import dev.threadguard.moderation.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features of a text for the support-request model, all binary except the semantic ones:
 * <ul>
 *   <li>{@code cue:NAME} — a named phrase cue of {@link SupportCues} ("can someone help", "my @device", "for sale");</li>
 *   <li>{@code k:CLASS} — a word of a {@link SupportWords} class anywhere (a device, a symptom, a problem word...), so a
 *       printer that "prints blank pages" counts without the phrase being listed;</li>
 *   <li>{@code x:A+B} — two signals together, which a linear model cannot learn from each alone: a request, a
 *       problem, effort spent or speaking of oneself, each together with something technical (a device, a tech
 *       word); "it is slow" says nothing, "my laptop is slow" does;</li>
 *   <li>{@code s:NAME} — the form: a question mark, whether the writer addresses someone else, shortness, a list of answers, a quoted line, a link, a price, a question followed by its own retort;</li>
 *   <li>{@code w:WORD} and {@code b:WORD WORD} — single words and word pairs, only when the trainer is asked for
 *       them (the shipped model does without: wording learnt from templated examples does not generalise);</li>
 *   <li>{@code v:INDEX} — meaning: the components of a {@link SemanticVector} (the shipped model: the text's static
 *       token-embedding vector, {@link StaticSupportVectors}), appended when a model is built with one.</li>
 * </ul>
 * One pass ({@link #visit}) serves both training ({@link #extract}) and scoring, so they cannot disagree.
 */
final class SupportFeatures {
    static final String CUE_PREFIX = "cue:";
    static final String CLASS_PREFIX = "k:";
    static final String WORD_PREFIX = "w:";
    static final String PAIR_PREFIX = "b:";
    static final String FORM_PREFIX = "s:";
    static final String VECTOR_PREFIX = "v:";

    static final String PAIR_OF_PREFIX = "x:";

    /**
     * The word classes looked up for every word. The first {@link #STANDALONE_CLASSES} are features of their own;
     * the others are ambiguous alone ("slow", "frozen", "tried" fit any subject) and count only through the pairs.
     */
    static final List<String> CLASS_FEATURES = List.of("device", "help", "sale", "article",
            "symptom", "problem", "change", "tried", "persist");
    static final int STANDALONE_CLASSES = 4;
    private static final int DEVICE = 0;
    private static final int SYMPTOM = 4;
    private static final int PROBLEM = 5;
    private static final int CHANGE = 6;
    private static final int PERSIST = 8;

    /** Form features: key (after {@value #FORM_PREFIX}) and what a moderator reads. */
    enum Form {
        QUESTION("question", "?"),
        SECOND_PERSON("second-person", "addresses someone else"),
        SHORT("short", "short"),
        LIST("list", "a list"),
        QUOTE("quote", "quotes someone"),
        LINK("link", "a link"),
        PRICE("price", "a price"),
        EXCLAIM("exclaim", "exclamations"),
        MANY_QUESTIONS("many-questions", "many questions"),
        RETORT("retort", "a question followed by its own retort");

        final String key;
        final String phrase;

        Form(String name, String phrase) {
            this.key = FORM_PREFIX + name;
            this.phrase = phrase;
        }
    }

    static final int SHORT_WORDS = 8;
    /** A question answered by its own writer in at most this many words ("How do I opt out? Oh right, I can't."). */
    static final int RETORT_WORDS = 7;

    /** What {@link #visit} finds: the kind of feature (its key prefix), its name, how a moderator reads it. */
    interface Sink {
        void feature(String prefix, String name, Cue cue, String phrase);
    }

    /** One feature of a text: its key in the model, the kind of cue and the words a moderator reads. */
    record Feature(String key, Cue cue, String phrase) {
    }

    // HashSets/HashMaps: looked up for every word, and they compare stored hashes before strings.
    static final Set<String> FIRST_PERSON_WORDS = SupportWords.set("firstperson");
    static final Set<String> SECOND_PERSON_WORDS = SupportWords.set("secondperson");
    /** Grammar words say nothing alone ("my", "you" occur in every kind of comment); in word pairs they do. */
    static final Set<String> NO_UNIGRAM = Collections.unmodifiableSet(new HashSet<>(TermWeights.functionWords()));
    /** Word to the indexes (in {@link #CLASS_FEATURES}) of the classes it belongs to, as bits. */
    private static final Map<String, Integer> CLASS_BITS = classBits();

    private final SupportCues cues = new SupportCues();

    private static Map<String, Integer> classBits() {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < CLASS_FEATURES.size(); i++) {
            int bit = 1 << i;
            SupportWords.CLASSES.get(CLASS_FEATURES.get(i)).forEach(w -> out.merge(w, bit, (a, b) -> a | b));
        }
        return Map.copyOf(out);
    }

    SupportCues cues() {
        return cues;
    }

    /** The words the features are computed from: the normalized text split, accents removed. */
    static String[] words(String normalized) {
        return normalized.isEmpty() ? new String[0] : SupportWords.fold(normalized.split(" "));
    }

    /** Every feature of the text, with keys; the words and word pairs only when asked for. */
    List<Feature> extract(String text, boolean withWords) {
        List<Feature> out = new ArrayList<>();
        String normalized = text == null ? "" : TextNormalizer.normalize(text);
        visit(text, words(normalized), withWords, (prefix, name, cue, phrase) -> out.add(new Feature(prefix + name, cue, phrase)));
        return out;
    }

    /**
     * Reports each feature of the text once, in a fixed order: cues, classes, words and pairs (if asked for), form.
     *
     * @param text  the text as written (its punctuation and lines carry the form)
     * @param words its words from {@link #words}
     */
    void visit(String text, String[] words, boolean withWords, Sink sink) {
        if (text == null || text.isBlank() || words.length == 0) {
            return;
        }
        boolean question = text.indexOf('?') >= 0;
        String ask = null;
        String problem = null;
        String tech = null;
        for (SupportCues.Match m : cues.find(words, question)) {
            Cue cue = m.definition().cue();
            sink.feature(CUE_PREFIX, m.definition().name(), cue, m.phrase());
            if (cue == Cue.REQUEST && ask == null) {
                ask = m.phrase();
            } else if ((cue == Cue.OWN_PROBLEM || cue == Cue.SYMPTOM) && problem == null) {
                problem = m.phrase();
            } else if ((cue == Cue.OWN_DEVICE || cue == Cue.TECH) && tech == null) {
                tech = m.phrase();
            }
        }
        int classes = 0;
        int firstPerson = 0;
        int secondPerson = 0;
        String[] classWord = new String[CLASS_FEATURES.size()];
        for (String w : words) {
            Integer bits = CLASS_BITS.get(w);
            if (bits != null) {
                int fresh = bits & ~classes;
                classes |= bits;
                for (int i = 0; fresh != 0; i++, fresh >>>= 1) {
                    if ((fresh & 1) != 0) {
                        classWord[i] = w;
                    }
                }
            }
            if (FIRST_PERSON_WORDS.contains(w)) {
                firstPerson++;
            } else if (SECOND_PERSON_WORDS.contains(w)) {
                secondPerson++;
            }
        }
        for (int i = 0; i < STANDALONE_CLASSES; i++) {
            if (classWord[i] != null) {
                sink.feature(CLASS_PREFIX, CLASS_FEATURES.get(i), classCue(CLASS_FEATURES.get(i)), classWord[i]);
            }
        }
        tech = tech != null ? tech : classWord[DEVICE];
        problem = problem != null ? problem : classWord[SYMPTOM] != null ? classWord[SYMPTOM] : classWord[PROBLEM];
        String effort = null;
        for (int i = CHANGE; i <= PERSIST && effort == null; i++) {
            effort = classWord[i];
        }
        if (tech != null) {
            pair(sink, "ask+tech", Cue.REQUEST, ask, tech);
            pair(sink, "problem+tech", Cue.OWN_PROBLEM, problem, tech);
            pair(sink, "effort+tech", Cue.OWN_PROBLEM, effort, tech);
            if (question) {
                sink.feature(PAIR_OF_PREFIX, "question+tech", Cue.TECH, tech);
            }
            if (firstPerson > 0) {
                sink.feature(PAIR_OF_PREFIX, "self+tech", Cue.OWN_DEVICE, tech);
                pair(sink, "self+problem+tech", Cue.OWN_PROBLEM, problem, tech);
            }
        }
        if (ask != null && firstPerson > 0) {
            sink.feature(PAIR_OF_PREFIX, "self+ask", Cue.REQUEST, ask);
        }
        if (withWords) {
            visitWords(words, sink);
        }
        visitForm(text, words.length, question, secondPerson, sink);
    }

    private static void pair(Sink sink, String name, Cue cue, String first, String second) {
        if (first != null && second != null) {
            sink.feature(PAIR_OF_PREFIX, name, cue, first + " + " + second);
        }
    }

    private static Cue classCue(String name) {
        return switch (name) {
            case "device" -> Cue.OWN_DEVICE;
            case "symptom", "problem", "change", "tried", "persist" -> Cue.OWN_PROBLEM;
            case "sale" -> Cue.SALE;
            case "article" -> Cue.ABOUT_ARTICLE;
            default -> Cue.REQUEST;
        };
    }

    private static void visitWords(String[] words, Sink sink) {
        // Words and pairs in sets of their own (a pair has a space, a word none): no prefixed key built per word.
        Set<String> seenWords = new HashSet<>(words.length * 2);
        Set<String> seenPairs = new HashSet<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            if (!NO_UNIGRAM.contains(words[i]) && seenWords.add(words[i])) {
                sink.feature(WORD_PREFIX, words[i], Cue.WORDING, words[i]);
            }
            if (i + 1 < words.length) {
                String pair = words[i] + " " + words[i + 1];
                if (seenPairs.add(pair)) {
                    sink.feature(PAIR_PREFIX, pair, Cue.WORDING, pair);
                }
            }
        }
    }

    private static void visitForm(String text, int wordCount, boolean question, int secondPerson, Sink sink) {
        int questions = 0;
        int exclaims = 0;
        int listLines = 0;
        boolean quote = false;
        boolean lineStart = true;
        int lastQuestion = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?') {
                questions++;
                lastQuestion = i;
            } else if (c == '!') {
                exclaims++;
            }
            if (c == '\n') {
                lineStart = true;
                continue;
            }
            if (lineStart && !Character.isWhitespace(c)) {
                lineStart = false;
                if (c == '>') {
                    quote = true;
                } else if (c == '-' || c == '*' || c == '\u2022' || (Character.isDigit(c) && enumerator(text, i))) {
                    listLines++;
                }
            }
        }
        emit(sink, Form.QUESTION, question);
        emit(sink, Form.SECOND_PERSON, secondPerson >= 2);
        emit(sink, Form.SHORT, wordCount < SHORT_WORDS);
        emit(sink, Form.LIST, listLines >= 2);
        emit(sink, Form.QUOTE, quote);
        emit(sink, Form.LINK, text.contains("http") || text.contains("www."));
        emit(sink, Form.PRICE, price(text));
        emit(sink, Form.EXCLAIM, exclaims >= 2);
        emit(sink, Form.MANY_QUESTIONS, questions >= 3);
        emit(sink, Form.RETORT, lastQuestion >= 0 && retort(text, lastQuestion));
    }

    private static void emit(Sink sink, Form form, boolean present) {
        if (present) {
            sink.feature(FORM_PREFIX, form.key.substring(FORM_PREFIX.length()), Cue.FORM, form.phrase);
        }
    }

    /** A line starting "1." or "2)": digits then a dot or parenthesis. */
    private static boolean enumerator(String text, int at) {
        int i = at;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i < text.length() && i - at <= 2 && (text.charAt(i) == '.' || text.charAt(i) == ')');
    }

    /** A currency sign next to a digit: "$40", "40 €", "Rs 500" is not caught (a hint, not a rule). */
    private static boolean price(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' || c == '\u20ac' || c == '\u00a3' || c == '\u20b9') {
                boolean before = i > 0 && (Character.isDigit(text.charAt(i - 1))
                        || (i > 1 && text.charAt(i - 1) == ' ' && Character.isDigit(text.charAt(i - 2))));
                boolean after = i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
                if (before || after) {
                    return true;
                }
            }
        }
        return false;
    }

    /** After the last question mark, a short sentence that ends the text: the writer answers their own question. */
    private static boolean retort(String text, int lastQuestion) {
        int words = 0;
        boolean inWord = false;
        for (int i = lastQuestion + 1; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words >= 1 && words <= RETORT_WORDS;
    }
}
