package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.SampleThread;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.judge.DetectorConfig;
import dev.threadguard.moderation.offtopic.MiniLmEmbedder;
import dev.threadguard.moderation.offtopic.OffTopicVectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The off-topic check's second opinion off the hot path: in the default (hybrid) configuration a comment the static
 * vectors do not clear gets a provisional verdict (awaiting OFF_TOPIC) from the thread stage, then the revised one
 * from the second-opinion stage, on the same key; every other comment one final verdict.
 */
class SecondOpinionTopologyTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static Map<String, List<TestRecord<String, ModeratedComment>>> byComment(
            List<TestRecord<String, ModeratedComment>> records) {
        Map<String, List<TestRecord<String, ModeratedComment>>> out = new LinkedHashMap<>();
        records.forEach(r -> out.computeIfAbsent(r.value().comment().commentId(), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static void pipeAll(ModerationDriver tg, List<Event> events) {
        for (Event event : events) {
            if (event instanceof Article a) {
                tg.pipe(a);
            } else {
                tg.pipe((Comment) event);
            }
        }
    }

    @Test
    void aCommentTheStaticVectorsDoNotClearGetsAProvisionalVerdictThenTheTransformersOnTheSameKey() {
        List<Event> events = SampleThread.events();
        long comments = events.stream().filter(Comment.class::isInstance).count();
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            pipeAll(tg, events);
            List<TestRecord<String, ModeratedComment>> all = tg.allVerdicts();
            Map<String, List<TestRecord<String, ModeratedComment>>> each = byComment(all);

            assertThat(each).hasSize((int) comments);
            int revised = 0;
            for (var entry : each.entrySet()) {
                List<TestRecord<String, ModeratedComment>> list = entry.getValue();
                Verdict last = list.get(list.size() - 1).value().verdict();
                assertThat(last.provisional()).as("the last verdict of %s is final", entry.getKey()).isFalse();
                if (list.size() == 1) {
                    continue;
                }
                revised++;
                assertThat(list).as("at most one provisional verdict before the final one of %s", entry.getKey())
                        .hasSize(2);
                Verdict first = list.get(0).value().verdict();
                assertThat(first.awaiting()).containsExactly(Flag.OFF_TOPIC);
                assertThat(list.get(1).key()).isEqualTo(list.get(0).key());
                // Only the off-topic judgement is revised.
                assertThat(without(last.flags())).isEqualTo(without(first.flags()));
                assertThat(last.duplicateOf()).isEqualTo(first.duplicateOf());
                assertThat(last.scores().get(Flag.SUPPORT_REQUEST.scoreKey()))
                        .isEqualTo(first.scores().get(Flag.SUPPORT_REQUEST.scoreKey()));
                assertThat(last.scores().get(Flag.DUPLICATE.scoreKey()))
                        .isEqualTo(first.scores().get(Flag.DUPLICATE.scoreKey()));
                assertThat(last.judgedAt()).isEqualTo(first.judgedAt());
            }
            // The sample thread has both kinds: plainly on-topic comments and ones the transformer judges again.
            assertThat(revised).isPositive().isLessThan((int) comments);
            // The provisional verdict leaves before its revision.
            for (int i = 0; i < all.size(); i++) {
                Verdict v = all.get(i).value().verdict();
                if (v.provisional()) {
                    String id = v.commentId();
                    assertThat(all.subList(i + 1, all.size())).anyMatch(r -> r.value().verdict().commentId().equals(id)
                            && !r.value().verdict().provisional());
                }
            }
        }
    }

    @Test
    void theRevisionKeepsADuplicateTheAuthorStageFoundAndPutsTheOffTopicReasonAfterIt() {
        String text = "Does anyone know a cheap plumber near Leeds? My kitchen tap has been leaking for a week";
        Article skype = new Article("a-1", "Skype moves onto Windows Azure",
                "Microsoft is moving Skype and SkyDrive onto its Windows Azure cloud platform, away from its own servers.",
                "https://example.com/a-1", T0, List.of("Cloud"));
        Article ferry = new Article("a-2", "Ferry timetable changes for the winter",
                "The island ferry will run four times a day from November, down from six, the operator said.",
                "https://example.com/a-2", T0, List.of("Travel"));
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(skype);
            tg.pipe(ferry);
            tg.pipe(new Comment("c-1", "a-1", null, "pat", null, text, T0.plus(Duration.ofMinutes(1))));
            tg.pipe(new Comment("c-2", "a-2", null, "pat", null, text, T0.plus(Duration.ofMinutes(2))));
            List<TestRecord<String, ModeratedComment>> copy = byComment(tg.allVerdicts()).get("c-2");

            assertThat(copy).hasSize(2);
            Verdict first = copy.get(0).value().verdict();
            Verdict last = copy.get(1).value().verdict();
            assertThat(first.awaiting()).containsExactly(Flag.OFF_TOPIC);
            assertThat(last.flags()).contains(Flag.DUPLICATE);
            assertThat(last.duplicateOf()).isEqualTo("c-1");
            assertThat(last.reasons().get(0)).startsWith("duplicate: ");
            assertThat(last.reasons()).filteredOn(r -> r.contains("off topic")).hasSize(1);
            int off = indexOf(last.reasons(), "off topic");
            assertThat(off).isEqualTo(1);
            assertThat(last.flags().contains(Flag.OFF_TOPIC))
                    .isEqualTo(last.scores().get(Flag.OFF_TOPIC.scoreKey()) >= DetectorConfig.DEFAULT_OFF_TOPIC_THRESHOLD);
        }
    }

    @Test
    void aCommentWithTooMuchContextToCarryGetsItsSecondOpinionAtOnceInOneFinalVerdict() {
        StringBuilder body = new StringBuilder();
        while (body.length() <= dev.threadguard.moderation.judge.SecondOpinion.MAX_CHARS) {
            body.append("Microsoft is moving Skype and SkyDrive onto its Windows Azure cloud platform. ");
        }
        Article huge = new Article("a-big", "Skype moves onto Windows Azure", body.toString(),
                "https://example.com/a-big", T0, List.of("Cloud"));
        String question = "Does anyone know a cheap plumber near Leeds? My kitchen tap has been leaking for a week";
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(huge);
            tg.pipe(new Comment("c-1", "a-big", null, "pat", null, question, T0.plus(Duration.ofMinutes(1))));
            List<TestRecord<String, ModeratedComment>> all = tg.allVerdicts();

            assertThat(all).singleElement().satisfies(r -> {
                assertThat(r.value().verdict().provisional()).isFalse();
                // Judged with the transformer all the same: the plumber question is off-topic under a cloud story.
                assertThat(r.value().verdict().flags()).contains(Flag.OFF_TOPIC);
            });
        }
    }

    @Test
    void withStaticVectorsOnlyEveryVerdictIsFinalAndTheTransformerNeverRuns() {
        long before = MiniLmEmbedder.textsEmbedded();
        ModerationConfig config = ModerationConfig.forEvaluation().withApplicationId("moderation-ttd-static")
                .withDetectors(DetectorConfig.defaults().withOffTopicVectors(OffTopicVectors.STATIC));
        try (ModerationDriver tg = new ModerationDriver(config)) {
            pipeAll(tg, SampleThread.events());
            List<TestRecord<String, ModeratedComment>> all = tg.allVerdicts();

            assertThat(all).isNotEmpty().noneMatch(r -> r.value().verdict().provisional());
            assertThat(byComment(all).values()).allMatch(list -> list.size() == 1);
        }
        assertThat(MiniLmEmbedder.textsEmbedded()).isEqualTo(before);
    }

    private static Set<Flag> without(Set<Flag> flags) {
        return flags.stream().filter(f -> f != Flag.OFF_TOPIC).collect(java.util.stream.Collectors.toSet());
    }

    private static int indexOf(List<String> reasons, String part) {
        for (int i = 0; i < reasons.size(); i++) {
            if (reasons.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
