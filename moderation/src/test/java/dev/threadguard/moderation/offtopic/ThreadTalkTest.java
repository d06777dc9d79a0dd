package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadTalkTest {
    private final ThreadTalk talk = new ThreadTalk();

    @Test
    void talkAboutTheThreadIsRecognisedInEachLanguage() {
        assertThat(talk.about("I think you posted this under the wrong article.")).isTrue();
        assertThat(talk.about("Your comment belongs in another thread, mate")).isTrue();
        assertThat(talk.about("Totally OFF-TOPIC, but still")).isTrue();
        assertThat(talk.about("Creo que es el artículo equivocado")).isTrue();
        assertThat(talk.about("C'est hors sujet")).isTrue();
        assertThat(talk.about("Falscher Artikel, oder?")).isTrue();
        assertThat(talk.about("Isso está fora do tema")).isTrue();
        assertThat(talk.about("The offer was wrong and the office belonged to them")).isFalse();
    }

    /**
     * The literal screen in front of the expression must never hide a match: over the project's own texts (the
     * support-request training sentences, thousands of lines in six languages) and phrases built from every
     * alternative of the expression, screened and unscreened results agree.
     */
    @Test
    void theAnchorScreenNeverChangesWhatIsFound() throws IOException {
        List<String> texts = ProjectTexts.trainingLines();
        String[] phrases = {"wrong article", "wrong story", "wrong thread", "wrong post", "wrong page",
            "wrong section", "wrong forum", "wrong place", "this belongs in another", "that belong on a different",
            "it was meant for the other", "you meant to another", "your comment posted under another",
            "your post posted to a different", "off topic", "off-topic", "offtopic", "stay on topic", "stay on subject",
            "back on topic", "back on track", "nothing to do with the article", "nothing to do with this story",
            "nothing to do with the topic", "nothing to do with this thread", "artículo equivocado", "articulo equivocado",
            "hilo equivocado", "tema equivocado", "hors sujet", "hors-sujet", "falscher artikel", "falschen thread",
            "falsche artikel", "fora do tema"};
        for (String p : phrases) {
            texts.add(p);
            texts.add("So, " + p.toUpperCase(java.util.Locale.ROOT) + "!");
            texts.add("x" + p);
            texts.add(p.replace(' ', '\u00a0'));
        }
        assertThat(texts).hasSizeGreaterThan(1_000);
        int found = 0;
        for (String t : texts) {
            boolean screened = talk.about(t);
            assertThat(screened).as(t).isEqualTo(talk.about(t, false));
            found += screened ? 1 : 0;
        }
        assertThat(found).as("texts about the thread, so the comparison covers matches too").isGreaterThan(phrases.length);
    }
}
