package dev.threadguard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleThreadTest {
    @Test
    void sampleThreadIsOneArticleThenItsValidComments() {
        List<Event> events = SampleThread.events();

        assertThat(events.get(0)).isInstanceOf(Article.class);
        assertThat(events.subList(1, events.size())).allSatisfy(e -> {
            assertThat(e).isInstanceOf(Comment.class);
            assertThat(e.articleId()).isEqualTo(events.get(0).articleId());
        });
        assertThat(SampleThread.lines(SampleThread.LABELS_RESOURCE)).hasSize(events.size() - 1);
    }
}
