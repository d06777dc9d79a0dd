package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The topology tells the off-topic detector about every article event, so a comment is compared with the other
 * stories of the site even before any of their comments is judged, and a deleted article is no longer one of them.
 */
class RecentArticlesTopologyTest {
    private static final Instant T0 = Instant.parse("2025-03-04T08:00:00Z");
    private static final Article BUDGET = new Article("budget", "Province tables a deficit budget with cuts to road maintenance",
            "The finance minister tabled a budget with a 2.1-billion-dollar deficit, freezing public-sector hiring and "
                    + "cutting road maintenance by 12 percent; rural municipalities say the cuts fall on them.",
            null, T0, List.of());
    private static final Article FINAL = new Article("cup-final", "Harbour City win the cup final on penalties",
            "Harbour City beat Northvale 4-3 on penalties after a goalless 120 minutes. Their goalkeeper saved two spot "
                    + "kicks and the captain scored the winner in front of 40,000 fans.",
            null, T0, List.of());

    private static Comment underTheBudget(String id, int minute) {
        return new Comment(id, "budget", null, "reader-" + id, null,
                "What a save in the shootout, and the captain's penalty was ice cold. Best final in years.",
                T0.plus(Duration.ofMinutes(minute)));
    }

    @Test
    void aCommentIsComparedWithTheSitesOtherArticlesUntilOneIsDeleted() {
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(BUDGET);
            tg.pipe(FINAL);
            tg.pipe(underTheBudget("c-1", 1));
            tg.articles.pipeInput("cup-final", null, T0.plus(Duration.ofMinutes(2)));
            tg.pipe(underTheBudget("c-2", 3));

            List<Verdict> verdicts = tg.verdicts().stream().map(r -> r.value().verdict()).toList();
            assertThat(verdicts).hasSize(2);
            Verdict whileKnown = verdicts.get(0);
            assertThat(whileKnown.flags()).contains(Flag.OFF_TOPIC);
            assertThat(String.join(" ", whileKnown.reasons()))
                    .contains("another recent article, \"Harbour City win the cup final on penalties\"");
            Verdict afterDeletion = verdicts.get(1);
            assertThat(String.join(" ", afterDeletion.reasons())).doesNotContain("another recent article");
            assertThat(afterDeletion.scores().get("offTopic")).isLessThan(whileKnown.scores().get("offTopic"));
        }
    }
}
