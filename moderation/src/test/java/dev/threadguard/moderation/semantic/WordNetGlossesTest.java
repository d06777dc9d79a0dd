package dev.threadguard.moderation.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetGlossesTest {
    @Test
    void aSynsetGivesItsWordsWithItsDefinitionAndEachLongEnoughExample() {
        List<String> texts = new ArrayList<>();
        // WordNet's data-file layout (wndb(5WN)): offset, lexicographer file, type, word count in hex, word and lex id
        // pairs, pointers, then '|' and the gloss.
        WordNetGlosses.synsetTexts("02084071 05 n 03 dog 0 domestic_dog 0 Canis_familiaris 0 023 @ 02083346 n 0000 | "
                + "a member of the genus Canis; \"the dog barked all night\"; \"dogs\"  ", texts);
        WordNetGlosses.synsetTexts("00001740 00 a 01 able(a) 0 005 = 05207437 n 0000 | (usually followed by `to') "
                + "having the necessary means or skill to do something; \"able to swim\"; \"she was able to program her "
                + "computer\"  ", texts);
        WordNetGlosses.synsetTexts("  1 This software and database is being provided to you, the LICENSEE, by", texts);

        assertThat(texts).containsExactly(
                "dog, domestic dog, Canis familiaris: a member of the genus Canis",
                "the dog barked all night",
                "able: (usually followed by `to') having the necessary means or skill to do something",
                "able to swim",
                "she was able to program her computer");
    }

    @Test
    void aMissingDatabaseSaysWhichFileAndHowToInstallIt(@TempDir Path empty) {
        assertThatThrownBy(() -> WordNetGlosses.read(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("data.noun").hasMessageContaining("wordnet-base");
    }

    @Test
    void aMalformedLineIsNamedWithItsFileAndLineNumber(@TempDir Path dir) throws IOException {
        for (String name : WordNetGlosses.FILES) {
            java.nio.file.Files.writeString(dir.resolve(name), "  1 licence\n");
        }
        java.nio.file.Files.writeString(dir.resolve("data.verb"), "  1 licence\n00001740 29 v | truncated\n");
        assertThatThrownBy(() -> WordNetGlosses.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("data.verb line 2");
    }

    @Test
    void theCorpusHashDependsOnEveryTextAndItsOrder() {
        byte[] ab = WordNetGlosses.sha256(List.of("a", "b"));
        assertThat(ab).hasSize(32).isNotEqualTo(WordNetGlosses.sha256(List.of("b", "a")))
                .isNotEqualTo(WordNetGlosses.sha256(List.of("ab"))).isEqualTo(WordNetGlosses.sha256(List.of("a", "b")));
    }
}
