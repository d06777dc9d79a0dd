package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.moderation.offtopic.PromotionCues.Cue;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionCuesTest {
    private final PromotionCues cues = new PromotionCues();

    @Test
    void anEarningsPitchWithAnAddressIsAdvertising() {
        PromotionCues.Found f = cues.find("Tram lines, great. My cousin earned $6,200 in three weeks from her kitchen table. "
                + "Details at quickcash-hub dot example");
        assertThat(f.cues()).containsExactly(Cue.LINK, Cue.EARNINGS);
        assertThat(f.promotion()).isTrue();
        assertThat(f.describe()).contains("a link").contains("an earnings pitch");
    }

    @Test
    void pitchesInOtherLanguagesAreFoundToo() {
        assertThat(cues.find("Quieres ganar dinero desde casa? Escríbeme y te cuento cómo.").promotion()).isTrue();
        assertThat(cues.find("Geld verdienen von zu Hause aus, schreib mir für Infos.").promotion()).isTrue();
        assertThat(cues.find("Ganhar dinheiro trabalhando de casa é possível, me chama no privado.").promotion()).isTrue();
        assertThat(cues.find("Gagner de l'argent en travail à domicile, contactez-moi.").promotion()).isTrue();
    }

    @Test
    void aBareShopLinkAndASalesLaunchWithALinkAreAdvertising() {
        assertThat(cues.find("www.sneaker-outlet-deals.shop").bareLink()).isTrue();
        assertThat(cues.find("cheap jerseys https://jersey-depot.example/sale").promotion()).isTrue();
        assertThat(cues.find("Finally it's here!!! The smart mug that keeps coffee hot all day: https://mugly.example/launch")
                .promotion()).isTrue();
    }

    @Test
    void aReaderCitingASourceOrNamingAPriceIsNotAdvertising() {
        assertThat(cues.find("The council minutes are public: https://city.example/minutes/2024-03 - page 12 has the vote.")
                .promotion()).isFalse();
        assertThat(cues.find("Four million dollars for two miles of paint seems steep to me.").promotion()).isFalse();
        assertThat(cues.find("I work from home two days a week and still need the car for the school run.").promotion()).isFalse();
        assertThat(cues.find("").promotion()).isFalse();
    }

    /**
     * The screen in front of the patterns ({@link Triggers}) must never hide a match: over the project's own texts
     * (the support-request training sentences and grammars, thousands of lines in six languages) and pitches built
     * from every alternative's first word, screened and unscreened results agree.
     */
    @Test
    void theTriggerScreenNeverChangesWhatIsFound() throws IOException {
        List<String> texts = ProjectTexts.trainingLines();
        String[] pitches = {"made $300", "earned 2k dollars", "working from home", "jobs at home", "passive income",
            "side hustle", "extra cash", "per day from", "be your own boss", "ganar dinero", "trabajando desde casa",
            "ingresos extra", "gagner de l'argent", "travail à domicile", "revenus complémentaires", "geld verdienen",
            "von zu hause", "nebenverdienst", "heimarbeit", "ganhar dinheiro", "trabalho em casa", "renda extra",
            "dm me", "whats app", "telegram", "find out more here", "visit our", "link in bio", "check out my channel",
            "click here", "subscribe to my", "sign up now", "contáctame", "escríbeme", "visita mi", "contactez-moi",
            "visitez notre", "kontaktieren sie uns", "schreib mir", "besuche meine", "me chama", "entre em contato",
            "visite meu", "finally it's here", "limited time offer", "20% off", "promotion code", "free shipping",
            "shop now", "best prices", "discount code", "gratis", "offerta", "descuento", "promoción", "soldes",
            "angebot", "rabatt", "frete grátis", "desconto", "shop.example.com/deal", "https://x", "www.y",
            "acme dot io", "acme (dot) shop"};
        for (String p : pitches) {
            texts.add(p);
            texts.add("So, " + p + "!");
            texts.add("x" + p);
            texts.add("_" + p); // a word start for the screen, no word boundary for the pattern
            texts.add(p + " and " + p);
        }
        assertThat(texts).hasSizeGreaterThan(1_000);
        int withCues = 0;
        for (String t : texts) {
            PromotionCues.Found screened = cues.find(t);
            assertThat(screened).as(t).isEqualTo(cues.find(t, false));
            withCues += screened.cues().isEmpty() ? 0 : 1;
        }
        assertThat(withCues).as("texts with a cue, so the comparison covers matches too").isGreaterThan(pitches.length);
    }

    @Test
    void aBareLinkNamesTheWordsOfItsAddressUnlessItReadsAsCommercial() {
        assertThat(PromotionCues.citedWords("https://www.news.example.org/2024/skype-moves-to-azure.html"))
                .isEqualTo("news example skype moves to azure");
        assertThat(PromotionCues.citedWords("see http://example.org/data-centres and www.example.net/cooling_towers"))
                .isEqualTo("example data centres example cooling towers");
        assertThat(PromotionCues.citedWords("https://azure-deals.example/skype")).isNull();
        assertThat(PromotionCues.citedWords("https://example.com/skype?ref=a1b2")).isNull();
        assertThat(PromotionCues.citedWords("www.skype-azure.club")).isNull();
        assertThat(PromotionCues.citedWords("http://bit.ly/9x")).as("one word names nothing").isNull();
    }

    @Test
    void aNameLabelOfUpTo63CharactersIsALinkAndARunOfHyphenatedLettersIsNot() {
        String label = "best-" + "x".repeat(53) + "-deal"; // 63 characters, the most a DNS label has
        assertThat(cues.find("Look at " + label + ".com today").cues()).contains(Cue.LINK);
        assertThat(cues.find("Write to my-shop dot com for the price").cues()).contains(Cue.LINK);
        // Found with hostile input: a word boundary at every other character made the unbounded label backtrack
        // from each of them (4.5 s of CPU for this comment).
        assertThat(cues.find("e.g " + "a-".repeat(9_998)).cues()).doesNotContain(Cue.LINK);
    }
}
