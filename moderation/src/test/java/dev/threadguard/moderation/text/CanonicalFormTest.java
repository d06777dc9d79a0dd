package dev.threadguard.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The canonical form for comparison ({@link TextNormalizer#normalize}) on texts written to fool a comparison. */
class CanonicalFormTest {
    private final TextProfiler profiler = new TextProfiler(100);

    private static String n(String text) {
        return TextNormalizer.normalize(text);
    }

    @Test
    void cyrillicAndGreekLookalikesInsideLatinWordsReadAsLatin() {
        String plain = "The ferry leaves the harbour at seven on weekdays";
        // Cyrillic е, а, о, с, р and Greek ο, ν mixed into the Latin words.
        String disguised = "Thе fеrry lеаvеs thе hаrbοur аt sеνеn оn wееkdаys";
        assertThat(n(disguised)).isEqualTo(n(plain)).isEqualTo("the ferry leaves the harbour at seven on weekdays");
        // A word made only of Cyrillic lookalikes in a Latin text is folded as well ("а" and "сосоа" here).
        assertThat(n("I had а cup of сосоа")).isEqualTo("i had a cup of cocoa");
    }

    @Test
    void aWhollyDisguisedTextIsFoldedToo() {
        // Every letter replaced by a lookalike (Cyrillic а, е, о, р, с, х, у): nothing says Russian.
        assertThat(n("Ехасору")).isEqualTo("exacopy");
    }

    @Test
    void capitalLookalikesReadAsTheLatinCapitalTheyLookLike() {
        // Greek Τ, Μ, Η and Cyrillic В as capitals: lower-cased first, τ and μ look like no Latin letter and η like "n".
        assertThat(n("\u03a4h\u0435\u0443 said \u039c\u03bfnd\u0430\u0443")).isEqualTo("they said monday");
        String shouted = "AN HOUR TO THE NEAREST MATERNITY UNIT, BIRTH IN A CAR";
        String disguised = "\u0391\u039d \u0397\u039fUR \u03a4\u039f \u03a4\u0397\u0395 \u039d\u0395\u0391R\u0395S\u03a4 "
                + "\u039c\u0391\u03a4\u0395R\u039d\u0399\u03a4\u03a5 U\u039d\u0399\u03a4, \u0412\u0399R\u03a4\u0397 \u0399\u039d \u0391 \u0421\u0391R";
        assertThat(n(disguised)).isEqualTo(n(shouted)).isEqualTo("an hour to the nearest maternity unit birth in a car");
        // Greek and Russian written in capitals stay as written, as in lower case, even when every capital has a
        // Latin twin.
        assertThat(n("ΗΛΙΟΛΟΥΣΤΗ ΜΕΡΑ ΣΤΟ ΛΙΜΑΝΙ")).isEqualTo("ηλιολουστη μερα στο λιμανι");
        assertThat(n("НЕТ")).isEqualTo(n("Нет")).isEqualTo("нет");
        assertThat(n("ΜΑΜΑ")).isEqualTo("μαμα");
        assertThat(n("ТАКОЕ ВОТ КАК ТАК")).isEqualTo("такое вот как так");
    }

    @Test
    void stackedMarksOverLookalikesAreRemovedAndTheLettersFolded() {
        // Zalgo marks over Cyrillic lookalikes, some of them composing with their letter (е + grave is ѐ).
        String zalgo = "\u0420\u0323\u0300\u0303l\u0336\u0324\u0361\u0435\u0300\u0323\u0303\u0430\u0336 "
                + "\u0441\u0323\u0300h\u0435\u0300\u0441k";
        assertThat(n(zalgo)).isEqualTo("plea check");
    }

    @Test
    void russianAndGreekTextsAndNamesStayAsWritten() {
        String russian = "Паром отходит из гавани в семь утра по будням, зимой ещё раньше";
        assertThat(n(russian)).isEqualTo("паром отходит из гавани в семь утра по будням зимой ещё раньше");
        assertThat(n("Ηλιόλουστη μέρα στο λιμάνι")).isEqualTo("ηλιολουστη μερα στο λιμανι");
        assertThat(n("Tolstoy wrote Война и мир in Yasnaya Polyana")).isEqualTo("tolstoy wrote война и мир in yasnaya polyana");
        // A Russian word spoofed with a Latin "o" and "a" goes back to Cyrillic, not to Latin garbage.
        assertThat(n("Паром отхoдит из гаваHи")).startsWith("паром отходит из гава");
    }

    @Test
    void htmlEscapedCopiesMeetTheirOriginal() {
        assertThat(n("It&#39;s &quot;fine&quot;, said Q&amp;A")).isEqualTo(n("It's \"fine\", said Q&A")).isEqualTo("its fine said q a");
        assertThat(n("<b>Bold</b> claim, <a href=\"https://example.org\">see here</a>")).isEqualTo("bold claim see here");
        assertThat(n("She said &amp;quot;never&amp;quot;")).isEqualTo(n("She said \"never\""));
        assertThat(n("R&D and AT&T stay as typed")).isEqualTo("r d and at t stay as typed");
        assertThat(n("if a < b and c > d")).isEqualTo("if a b and c d");
    }

    @Test
    void stackedCombiningMarksAreRemoved() {
        String zalgo = "Ca\u0301\u0316\u0358m\u0300\u0300\u0489e\u0308\u0324\u0325 h\u0352o\u035bm\u0313e\u0336";
        assertThat(n(zalgo)).isEqualTo("came home");
        // NFKC alone would compose "e" + acute into "é": the diacritic goes too, for comparison.
        assertThat(n("Cafe\u0301")).isEqualTo(n("Café")).isEqualTo("cafe");
    }

    @Test
    void invisibleCharactersAndFullWidthLettersKeepWorking() {
        assertThat(n("sp\u200Bam\u200D f\u2060r\uFEFFee \u202Egift\u202C ok\uFE0F")).isEqualTo("spam free gift ok");
        assertThat(n("ＦＲＥＥ　ｇｉｆｔ")).isEqualTo("free gift");
    }

    @Test
    void chineseJapaneseAndThaiAreSplitIntoWords() {
        String chinese = "我们城市的公交车票价明年要上涨了";
        String words = n(chinese);
        assertThat(TextNormalizer.wordCount(words)).isGreaterThan(5);
        assertThat(TextNormalizer.squeeze(words)).isEqualTo(chinese);
        assertThat(words.split(" ")).contains("城市", "明年", "上涨");

        assertThat(n("東京の地下鉄は朝とても混雑している").split(" ")).contains("東京", "地下鉄").hasSizeGreaterThan(5);
        assertThat(n("ร้านกาแฟใกล้บ้านปิดแล้ว").split(" ")).contains("กาแฟ").hasSizeGreaterThan(3);
    }

    @Test
    void koreanIsSplitAtItsSpaces() {
        assertThat(n("오늘 버스가 너무 늦게 왔어요.")).isEqualTo("오늘 버스가 너무 늦게 왔어요");
    }

    @Test
    void kanaVoicingMarksAreNotStrippedAsDiacritics() {
        assertThat(n("ガラス")).isEqualTo("ガラス");
        assertThat(n("ｶﾞﾗｽ")).isEqualTo("ガラス"); // half-width kana with a separate voicing mark
    }

    @Test
    void emojiAreWordsSoAnEmojiOnlyCommentCanBeCompared() {
        TextProfile p = profiler.profile("🎉🎉🔥");
        assertThat(p.isEmpty()).isFalse();
        assertThat(p.wordCount()).isEqualTo(3);
        assertThat(p.normalized()).isEqualTo("🎉 🎉 🔥");
        // Variation selectors and skin tones are presentation: the same emoji for comparison.
        assertThat(n("👍🏽 great ❤️")).isEqualTo(n("👍 great ❤"));
        assertThat(n("nice👍")).isEqualTo("nice 👍");
    }

    @Test
    void chineseContentTermsAreWordsWithWeight() {
        TextProfile p = profiler.profile("我们城市的公交车票价明年要上涨了");
        assertThat(p.terms()).contains("城市", "明年", "上涨").hasSizeGreaterThan(3);
        assertThat(profiler.weights().weight("城市")).isEqualTo(TermWeights.RARE);
        assertThat(profiler.weights().weight("的")).isEqualTo(TermWeights.FRAGMENT);
        assertThat(profiler.weights().weight("ところ")).isEqualTo(TermWeights.FRAGMENT);
        assertThat(profiler.weights().weight("地下鉄")).isEqualTo(TermWeights.RARE);
    }

    @Test
    void englishContentTermsSurviveFolding() {
        TextProfile disguised = profiler.profile("Thе gаrdеns wеrе running оut оf wаtеr");
        TextProfile plain = profiler.profile("The gardens were running out of water");
        assertThat(disguised.terms()).isEqualTo(plain.terms()).contains("garden", "run", "water");
        assertThat(profiler.profile("They don’t know the café&#39;s owner").terms()).contains("cafe", "owner").doesNotContain("don't", "dont");
    }

    @Test
    void aChineseCopyWithOneCharacterChangedStaysClose() {
        TextProfile a = profiler.profile("我们城市的公交车票价明年要上涨了，很多上班族都觉得负担太重。");
        TextProfile b = profiler.profile("我们城市的公交车票价明年要上涨了，很多上班族都觉得负担非常重！");
        assertThat(a.wordCount()).isGreaterThan(8);
        int[] x = a.shingles();
        int[] y = b.shingles();
        int shared = 0;
        for (int h : x) {
            if (java.util.Arrays.binarySearch(y, h) >= 0) {
                shared++;
            }
        }
        assertThat(2.0 * shared / (x.length + y.length)).isGreaterThan(0.8);
    }
}
