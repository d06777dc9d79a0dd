package dev.threadguard.moderation.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our WordPiece gives the same ids as the HuggingFace tokenizer of the model's own file (the reference). */
class WordPiecesTest {
    /** Code points from scripts and symbol blocks assigned long before Java 17's Unicode 13 (same tables both sides). */
    private static final int[][] BLOCKS = {
        {0x20, 0x7E}, {0xA0, 0x17F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x5D0, 0x5EA}, {0x620, 0x64A}, {0x900, 0x97F},
        {0xE01, 0xE5B}, {0x1100, 0x1112}, {0x2000, 0x206F}, {0x20A0, 0x20B9}, {0x2190, 0x21FF}, {0x3000, 0x303F},
        {0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x4E00, 0x9FA5}, {0xAC00, 0xD7A3}, {0xFF01, 0xFF5E}, {0x1F600, 0x1F64F},
        {0x300, 0x36F}, {0x0, 0x1F},
    };

    private static HuggingFaceTokenizer reference;
    private static WordPieces ours;

    @BeforeAll
    static void load() {
        byte[] file = SourceModel.tokenizerBytes();
        reference = SourceModel.tokenizer(file);
        ours = new WordPieces(SourceModel.vocabulary(file), SourceModel.MAX_TOKENS);
    }

    @Test
    void sameIdsAsTheReferenceOnOurOwnSentencesAndEdgeCases() {
        List<String> texts = new ArrayList<>();
        SentencePairs.read().forEach(pair -> texts.addAll(Arrays.asList(pair)));
        texts.addAll(List.of("", "   ", "Café naïve résumé — “quoted” text!", "我喜欢这篇文章，谢谢。", "日本語のコメントです",
                "한국어 댓글입니다", "emoji 😀 here 👍🏽", "don't won't U.S.A. e-mail foo_bar 3.14 $20 #tag @user",
                "Supercalifragilisticexpialidociousnessless", "x".repeat(100), "x".repeat(101), "Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ",
                "tab\tnew\nline\rzero\u200bwidth\u00a0nbsp\u202fnarrow", "Ærøskøbing Straße İstanbul ΣΟΦΊΑ", "a\u0000b\ufffdc",
                "https://example.org/path?q=1&r=2", "ﬁnance ﬂow", "x²+y³=z½", "word ".repeat(700)));
        assertSame(texts);
    }

    @Test
    void sameIdsAsTheReferenceOnRandomTextInManyScripts() {
        String[] vocabulary = SourceModel.vocabulary(SourceModel.tokenizerBytes());
        SplittableRandom random = new SplittableRandom(20_241_129);
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < 3_000; t++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + random.nextInt(30);
            for (int w = 0; w < words; w++) {
                if (random.nextInt(3) > 0) {
                    String token = vocabulary[random.nextInt(vocabulary.length)].replace("##", "");
                    text.append(random.nextBoolean() ? token : token.toUpperCase(java.util.Locale.ROOT));
                } else {
                    int[] block = BLOCKS[random.nextInt(BLOCKS.length)];
                    for (int c = 1 + random.nextInt(6); c > 0; c--) {
                        text.appendCodePoint(block[0] + random.nextInt(block[1] - block[0] + 1));
                    }
                }
                text.append(random.nextInt(5) == 0 ? "" : " ");
            }
            texts.add(text.toString());
        }
        assertSame(texts);
    }

    private static void assertSame(List<String> texts) {
        List<String> differing = new ArrayList<>();
        for (String text : texts) {
            long[] expected = reference.encode(text, false, false).getIds();
            int[] actual = ours.ids(text);
            if (!Arrays.equals(Arrays.stream(actual).asLongStream().toArray(), expected)) {
                differing.add(text + "\n  reference " + Arrays.toString(expected) + "\n  ours      " + Arrays.toString(actual));
            }
        }
        assertThat(differing).as("texts tokenized differently of %d", texts.size()).isEmpty();
    }
}
