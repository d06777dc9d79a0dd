package dev.threadguard.moderation.language;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.moderation.text.TermWeights;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {
    private final LanguageIdentifier languages = new LanguageIdentifier(TermWeights.functionWords());

    private static final String ENGLISH = "The new tram line will not reach the airport before the end of the decade, the mayor said.";

    @Test
    void theEnglishShareCountsRunsOfLettersAndApostrophesAsWords() {
        assertThat(languages.englishShare("The tram, the bus and I don't care!")).isEqualTo(5.0 / 8); // tram, bus, care: not
        assertThat(languages.englishShare("THE Tram")).isEqualTo(0.5);
        assertThat(languages.englishShare("  ...  ")).isZero();
        assertThat(languages.englishShare("")).isZero();
        assertThat(languages.englishShare("4the2the")).isEqualTo(1.0); // digits separate words
        assertThat(languages.englishShare("naïve café of 𝐭𝐡𝐞 Straße")).isEqualTo(1.0 / 5); // mathematical letters are letters
    }

    @Test
    void theEnglishShareIsTheShareOfFunctionWordsAmongTheRegexWords() {
        java.util.Random random = new java.util.Random(9);
        String alphabet = "the a of and I don't 'é ß İ 1 2 ,.!?-\n\t  𝐭𝐡𝐞 日本 Ünd";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String t = text.toString();
            int words = 0;
            int english = 0;
            for (String w : t.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}']+")) {
                if (!w.isEmpty()) {
                    words++;
                    english += TermWeights.functionWords().contains(w) ? 1 : 0;
                }
            }
            assertThat(languages.englishShare(t)).as(t).isEqualTo(words == 0 ? 0 : (double) english / words);
        }
    }

    @Test
    void writingSystemsAreToldFromTheLetters() {
        assertThat(WritingSystem.of("Die Straßenbahn fährt bald")).isEqualTo(WritingSystem.LATIN);
        assertThat(WritingSystem.of("电车线路明年开通")).isEqualTo(WritingSystem.CHINESE);
        assertThat(WritingSystem.of("新しい路面電車は来年から走る")).isEqualTo(WritingSystem.JAPANESE);
        assertThat(WritingSystem.of("새 전차 노선이 내년에 개통된다")).isEqualTo(WritingSystem.KOREAN);
        assertThat(WritingSystem.of("Новый трамвай пойдёт в следующем году")).isEqualTo(WritingSystem.CYRILLIC);
        assertThat(WritingSystem.of("2024 !!! 🚋🚋")).isEqualTo(WritingSystem.NONE);
        assertThat(WritingSystem.of(null)).isEqualTo(WritingSystem.NONE);
    }

    /** ASCII letters are counted without a script look-up: they still weigh as Latin letters among others. */
    @Test
    void asciiLettersCountAsLatinAmongOtherScripts() {
        assertThat(WritingSystem.of("iPhone 15 Pro: новый трамвай")).isEqualTo(WritingSystem.CYRILLIC); // 9 to 12
        assertThat(WritingSystem.of("iPhone 15 Pro Max: трамвай")).isEqualTo(WritingSystem.LATIN); // 12 to 7
        // Kana from a tenth of all letters, ASCII ones included: 2 of 19 is Japanese, 2 of 21 is not.
        assertThat(WritingSystem.of("ABCDEFGHIJKLMNOPQ ひら")).isEqualTo(WritingSystem.JAPANESE);
        assertThat(WritingSystem.of("ABCDEFGHIJKLMNOPQRS ひら")).isEqualTo(WritingSystem.LATIN);
        assertThat(WritingSystem.of("@[`{ 42 _")).isEqualTo(WritingSystem.NONE);
    }

    @Test
    void plainEnglishIsKnownWithoutTheIdentifierAndOtherLatinLanguagesWithIt() {
        assertThat(languages.identify(ENGLISH)).isEqualTo("en");
        assertThat(languages.identify("El tranvía nuevo no llegará al aeropuerto hasta el final de la década, según la alcaldesa."))
                .isEqualTo("es");
        assertThat(languages.identify("Le nouveau tramway n'atteindra pas l'aéroport avant la fin de la décennie, selon la maire."))
                .isEqualTo("fr");
        assertThat(languages.identify("Die neue Straßenbahn erreicht den Flughafen erst am Ende des Jahrzehnts, sagt die Bürgermeisterin."))
                .isEqualTo("de");
        assertThat(languages.identify("O novo bonde só chegará ao aeroporto no fim da década, disse a prefeita da cidade."))
                .isEqualTo("pt");
        assertThat(languages.identify("새 전차 노선이 공항까지 가려면 십 년은 걸린다고 시장이 말했다")).isEqualTo("ko");
    }

    @Test
    void tooLittleTextIsNotGuessedAndADoubtNeverCountsAsAnotherLanguage() {
        assertThat(languages.identify("Trams good.")).isNull();
        assertThat(languages.differ("Trams good.", ENGLISH)).isFalse();
        assertThat(languages.differ("🚋🚋🚋", ENGLISH)).isFalse();
        assertThat(languages.differ("Es una vergüenza que el tranvía tarde tanto en llegar al aeropuerto.", ENGLISH)).isTrue();
        assertThat(languages.differ("新しい路面電車は来年から走る", ENGLISH)).isTrue();
        assertThat(languages.differ("The mayor should have promised less and built more, honestly.", ENGLISH)).isFalse();
    }
}
