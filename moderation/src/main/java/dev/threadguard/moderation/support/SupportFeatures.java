package dev.threadguard.moderation.support;

import dev.threadguard.moderation.support.SupportAssessment.Cue;
import dev.threadguard.moderation.text.TermWeights;
import dev.threadguard.moderation.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The features of a text for the support-request model: the named phrase cues of {@link SupportCues}, the words
 * and word pairs (so the model can learn wording the cues miss) and a few facts about its form (a question mark,
 * how much the writer talks about themselves, length). Binary: a feature is present or not.
 */
final class SupportFeatures {
    static final String CUE_PREFIX = "cue:";
    static final String WORD_PREFIX = "w:";
    static final String PAIR_PREFIX = "b:";
    static final String QUESTION = "s:question";
    static final String FIRST_PERSON = "s:first-person";
    static final String MUCH_FIRST_PERSON = "s:first-person-many";
    static final String SHORT = "s:short";
    static final String LONG = "s:long";
    static final String QUESTION_PHRASE = "?";
    static final String FIRST_PERSON_PHRASE = "speaks of self";
    static final String MUCH_FIRST_PERSON_PHRASE = "speaks much of self";
    static final String SHORT_PHRASE = "short";
    static final String LONG_PHRASE = "long";

    // HashSets: looked up for every word, and they compare stored hashes before strings.
    static final Set<String> FIRST_PERSON_WORDS = Collections.unmodifiableSet(
            new HashSet<>(List.of("i", "im", "ive", "id", "ill", "my", "me", "mine", "myself")));
    /** Grammar words say nothing alone ("my", "you" occur in every kind of comment); in word pairs they do. */
    static final Set<String> NO_UNIGRAM = Collections.unmodifiableSet(new HashSet<>(TermWeights.functionWords()));
    static final int SHORT_WORDS = 8;
    static final int LONG_WORDS = 40;

    /** One feature of a text: its key in the model, the kind of cue and the words a moderator reads. */
    record Feature(String key, Cue cue, String phrase) {
    }

    private final SupportCues cues = new SupportCues();

    SupportCues cues() {
        return cues;
    }

    List<Feature> extract(String text) {
        List<Feature> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String normalized = TextNormalizer.normalize(text);
        if (normalized.isEmpty()) {
            return out;
        }
        String[] words = normalized.split(" ");
        boolean question = text.indexOf('?') >= 0;
        for (SupportCues.Match m : cues.find(words, question)) {
            out.add(new Feature(CUE_PREFIX + m.definition().name(), m.definition().cue(), m.phrase()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < words.length; i++) {
            String w = WORD_PREFIX + words[i];
            if (!NO_UNIGRAM.contains(words[i]) && seen.add(w)) {
                out.add(new Feature(w, Cue.WORDING, words[i]));
            }
            if (i + 1 < words.length) {
                String pair = words[i] + " " + words[i + 1];
                if (seen.add(PAIR_PREFIX + pair)) {
                    out.add(new Feature(PAIR_PREFIX + pair, Cue.WORDING, pair));
                }
            }
        }
        int firstPerson = 0;
        for (String w : words) {
            if (FIRST_PERSON_WORDS.contains(w)) {
                firstPerson++;
            }
        }
        if (question) {
            out.add(new Feature(QUESTION, Cue.FORM, QUESTION_PHRASE));
        }
        if (firstPerson >= 1) {
            out.add(new Feature(FIRST_PERSON, Cue.FORM, FIRST_PERSON_PHRASE));
        }
        if (firstPerson >= 3) {
            out.add(new Feature(MUCH_FIRST_PERSON, Cue.FORM, MUCH_FIRST_PERSON_PHRASE));
        }
        if (words.length < SHORT_WORDS) {
            out.add(new Feature(SHORT, Cue.FORM, SHORT_PHRASE));
        } else if (words.length > LONG_WORDS) {
            out.add(new Feature(LONG, Cue.FORM, LONG_PHRASE));
        }
        return out;
    }
}
