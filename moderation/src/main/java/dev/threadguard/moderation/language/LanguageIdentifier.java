package dev.threadguard.moderation.language;

import com.google.common.base.Optional;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which language a text is in, as an ISO 639-1 code ("en", "es", "ja"), or null when it cannot be told.
 *
 * <p>Three steps, cheapest first: the writing system ({@link WritingSystem}, a pass over the characters) names
 * Japanese, Korean, Thai, Chinese and Hebrew outright; a Latin-script text in which English function words make up
 * at least 30% of the words is English (typical English prose: 40-55%; Romance and
 * Germanic languages share a few, such as "a" and "no", but far fewer) (a pass over the words, a few microseconds); only the rest goes to the
 * n-gram identifier (Optimaize language-detector, about 100 µs a comment on 2 busy cores). The identifier loads
 * its profiles of the {@link #LATIN_LANGUAGES} on its first use (seconds), so a service whose comments are all
 * plainly in their article's language never loads it. Texts shorter than {@link #MIN_LETTERS} letters, or whose
 * most likely language is below the identifier's own confidence (0.85), get null: too little to tell. Thread-safe.
 */
public final class LanguageIdentifier {
    /** Letters below which a text's language is not guessed: "ok", "lol", "Bike lanes good." mislead n-grams. */
    public static final int MIN_LETTERS = 20;
    /** Share of English function words from which a Latin-script text is taken as English without the identifier. */
    static final double ENGLISH_FUNCTION_SHARE = 0.3;
    /** Latin-script languages the identifier knows; fewer profiles load faster and judge faster. */
    static final List<String> LATIN_LANGUAGES = List.of("en", "es", "fr", "de", "pt", "it", "nl", "sv", "da", "no",
            "fi", "pl", "cs", "ro", "hu", "tr", "id", "vi", "tl", "ca", "hr", "sk", "sl", "et", "lv", "lt", "af", "sw");

    private static final Logger log = LoggerFactory.getLogger(LanguageIdentifier.class);

    /** The English function words, looked up by a word's place in the text (Lucene's, no substring per word). */
    private final CharArraySet englishFunctionWords;

    /** @param englishFunctionWords lower-case English function words ("the", "and", "is"...) */
    public LanguageIdentifier(Set<String> englishFunctionWords) {
        this.englishFunctionWords = CharArraySet.unmodifiableSet(new CharArraySet(englishFunctionWords, false));
    }

    /** The text's language (ISO 639-1), or null when it cannot be told. */
    public String identify(String text) {
        WritingSystem system = WritingSystem.of(text);
        if (system == WritingSystem.NONE || letters(text) < MIN_LETTERS) {
            return null;
        }
        String implied = system.impliedLanguage();
        if (implied != null) {
            return implied;
        }
        if (system != WritingSystem.LATIN) {
            return switch (system) {
                case CYRILLIC -> "ru";
                case GREEK -> "el";
                case ARABIC -> "ar";
                case DEVANAGARI -> "hi";
                default -> null;
            };
        }
        if (englishShare(text) >= ENGLISH_FUNCTION_SHARE) {
            return "en";
        }
        Optional<LdLocale> found = Identifier.detect(text);
        return found.isPresent() ? found.get().getLanguage() : null;
    }

    /**
     * Loads the language profiles now (once per process; seconds on a loaded machine) rather than on the first text
     * that needs them, which a stream thread would meet inside an exactly-once transaction.
     */
    public static void preload() {
        Identifier.detect("preload");
    }

    /**
     * Whether the two texts are, as far as can be told, in different languages: false when either cannot be told
     * (short, no letters, unsure), so that a doubt never takes a comment out of judgement. Different writing
     * systems settle it without the identifier (Cyrillic and Latin Serbian are not told apart: rare in comments).
     */
    public boolean differ(String a, String b) {
        WritingSystem sa = WritingSystem.of(a);
        WritingSystem sb = WritingSystem.of(b);
        if (sa == WritingSystem.NONE || sb == WritingSystem.NONE) {
            return false;
        }
        if (sa != sb) {
            return true;
        }
        String la = identify(a);
        String lb = identify(b);
        return la != null && lb != null && !la.equals(lb);
    }

    /** Whether the text is English by its function words alone (no identifier run): a few microseconds. */
    public boolean plainlyEnglish(String text) {
        return text != null && englishShare(text) >= ENGLISH_FUNCTION_SHARE;
    }

    /**
     * The share of words that are English function words: a word is a run of letters ({@link Character#isLetter})
     * and apostrophes in the lower-cased text. One pass over the characters (a regex split cost more than the
     * rest of the identification of an English comment).
     */
    double englishShare(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        char[] chars = lower.toCharArray();
        int words = 0;
        int english = 0;
        int start = -1;
        for (int i = 0; i <= lower.length(); ) {
            int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
            boolean inWord = i < lower.length() && (cp == '\'' || Character.isLetter(cp));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words++;
                if (englishFunctionWords.contains(chars, start, i - start)) {
                    english++;
                }
                start = -1;
            }
            i += i < lower.length() ? Character.charCount(cp) : 1;
        }
        return words == 0 ? 0 : (double) english / words;
    }

    private static int letters(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Holder idiom: the profiles load once, on first use, and are published safely to every thread. */
    private static final class Identifier {
        private static final LanguageDetector DETECTOR = load();
        private static final TextObjectFactory TEXTS = CommonTextObjectFactories.forDetectingShortCleanText();

        static Optional<LdLocale> detect(String text) {
            return DETECTOR.detect(TEXTS.forText(text));
        }

        private static LanguageDetector load() {
            long start = System.nanoTime();
            try {
                List<LanguageProfile> profiles = new LanguageProfileReader()
                        .readBuiltIn(LATIN_LANGUAGES.stream().map(LdLocale::fromString).toList());
                LanguageDetector detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                        .withProfiles(profiles).build();
                log.info("language identifier loaded ({} languages) in {} ms", profiles.size(),
                        (System.nanoTime() - start) / 1_000_000);
                return detector;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the language profiles from the language-detector jar", e);
            }
        }
    }
}
