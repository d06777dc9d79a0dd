package dev.threadguard.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Comment;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated traffic: the same for a seed, and shaped as the benchmark promises. */
class TrafficTest {
    private static final Instant END = Instant.parse("2026-11-29T12:00:00Z");
    private final Traffic traffic = Traffic.generate(7, "t-", 60, 20_000, END);

    @Test
    void theSameSeedGivesTheSameTextsAndALongerRunStartsWithTheSameComments() {
        Traffic again = Traffic.generate(7, "u-", 60, 25_000, END);
        for (int i = 0; i < 1_000; i++) {
            Comment a = traffic.comments().get(i);
            Comment b = again.comments().get(i);
            assertThat(b.body()).isEqualTo(a.body());
            assertThat(b.author()).isEqualTo(a.author());
            assertThat(b.articleId().substring(2)).isEqualTo(a.articleId().substring(2));
        }
        assertThat(Traffic.generate(8, "t-", 60, 100, END).comments().get(0).body())
                .isNotEqualTo(traffic.comments().get(0).body());
    }

    @Test
    void threadsRangeFromAFewCommentsToTheCapOfFiveHundred() {
        Map<String, Long> sizes = traffic.comments().stream().collect(Collectors.groupingBy(Comment::articleId,
                Collectors.counting()));
        assertThat(sizes.values()).allMatch(n -> n <= Traffic.MAX_THREAD);
        assertThat(sizes.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(Traffic.MAX_THREAD);
        assertThat(sizes.values().stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(200);
    }

    @Test
    void everyCommentHasTwentyToEightyWordsAndRepliesAnswerAnEarlierCommentOfItsThread() {
        Map<String, Comment> seen = new HashMap<>();
        long replies = 0;
        for (Comment c : traffic.comments()) {
            // a repost with a word dropped may itself be reposted with another dropped: a few words under the minimum
            assertThat(c.body().split(" ")).hasSizeBetween(Traffic.MIN_WORDS - 5, Traffic.MAX_WORDS);
            if (c.parentId() != null) {
                replies++;
                assertThat(seen).containsKey(c.parentId());
                assertThat(seen.get(c.parentId()).articleId()).isEqualTo(c.articleId());
            }
            seen.put(c.commentId(), c);
        }
        assertThat(replies / (double) traffic.comments().size()).isBetween(0.3, 0.45);
    }

    @Test
    void aboutSixPercentRepeatAnEarlierCommentOfTheSameAuthorAndTheRestAreDistinct() {
        Set<String> bodies = new HashSet<>();
        Map<String, Set<String>> byAuthor = new HashMap<>();
        long repeats = 0;
        for (Comment c : traffic.comments()) {
            String words = c.body();
            Set<String> own = byAuthor.computeIfAbsent(c.author(), k -> new HashSet<>());
            boolean repeat = own.contains(words) || own.stream().anyMatch(o -> o.length() > words.length()
                    && o.length() - words.length() < 20 && List.of(o.split(" ")).containsAll(List.of(words.split(" "))));
            if (repeat) {
                repeats++;
            } else {
                assertThat(bodies.add(words)).as("a comment that is no repeat is new: %s", c.commentId()).isTrue();
            }
            own.add(words);
        }
        assertThat(repeats / (double) traffic.comments().size()).isBetween(0.03, 0.07);
    }

    @Test
    void helpRequestsAndOffTopicCommentsTakeTheirShares() {
        long help = traffic.comments().stream().filter(c -> c.body().contains("?")).count();
        assertThat(help / (double) traffic.comments().size()).isBetween(0.03, 0.06);
        Map<String, String> subjectOf = new HashMap<>();
        traffic.articles().forEach(a -> subjectOf.put(a.articleId(), a.tags().get(0)));
        long offTopic = traffic.comments().stream().filter(c -> !c.body().contains("?"))
                .filter(c -> Fragments.SUBJECTS.stream().filter(s -> !s.name().equals(subjectOf.get(c.articleId())))
                        .anyMatch(s -> s.nouns().stream().filter(n -> c.body().contains(" " + n + " ")).count() >= 2))
                .count();
        assertThat(offTopic / (double) traffic.comments().size()).isBetween(0.05, 0.12);
    }
}
