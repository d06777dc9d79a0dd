package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.moderation.offtopic.PromotionCues.Cue;
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
}
