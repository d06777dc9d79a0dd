package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.ModeratedComment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ArticleRoutingTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String OPINION =
            "Moving the whole Skype backend onto Azure is the riskiest migration Microsoft has tried in years.";

    @Test
    void thePartitionIsTheOneTheJavaProducerChoosesForTheKey() {
        for (int n : new int[] {1, 3, 7, 64}) {
            for (int i = 0; i < 500; i++) {
                String key = "article-" + i + "-ü";
                assertThat(ArticleRouting.partitionFor(key, n)).as("%s of %d", key, n)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), n));
            }
        }
    }

    @Test
    void recordsInPlaceAndRecordsRepartitionedMeetInOneThread() {
        ModerationConfig base = ModerationConfig.forEvaluation().withApplicationId("moderation-ttd-routing");
        // One input partition: every record keyed by its articleId is where the repartition would put it.
        ModerationConfig config = new ModerationConfig(base.bootstrapServers(), base.applicationId(), base.stateDir(),
                base.holdTimeout(), base.maxHeldPerArticle(), base.threadHistory(), 1, base.topicReplication(),
                base.detectors());
        String description = ModerationTopology.build(config).describe().toString();
        assertThat(description).contains(ModerationTopology.COMMENTS_BY_ARTICLE + "-route-in-place",
                ModerationTopology.COMMENTS_BY_ARTICLE + "-repartition");
        try (ModerationDriver tg = new ModerationDriver(config)) {
            Article article = new Article("a-1", "Skype moves onto Azure", "Microsoft moves Skype onto Azure.", null,
                    T0, List.of());
            tg.articles.pipeInput("not-the-article-id", article, T0);
            tg.comments.pipeInput("a-1", new Comment("c-1", "a-1", null, "Ann", null, OPINION, T0.plusSeconds(1)),
                    T0.plusSeconds(1));
            tg.comments.pipeInput("someone-elses-key", new Comment("c-2", "a-1", "c-1", "Bob", null,
                    "Not so sure, they moved Hotmail years ago and it went fine.", T0.plusSeconds(2)), T0.plusSeconds(2));
            tg.comments.pipeInput(null, new Comment("c-3", "a-1", null, "Cid", null, OPINION, T0.plusSeconds(3)),
                    T0.plusSeconds(3));
            tg.comments.pipeInput("a-1", new Comment("c-1", "a-1", null, "Ann", null, OPINION, T0.plusSeconds(1)),
                    T0.plusSeconds(4));

            Map<String, ModeratedComment> v = tg.verdicts().stream().map(r -> r.value())
                    .collect(Collectors.toMap(m -> m.comment().commentId(), m -> m));
            assertThat(v).as("the resend of c-1 is known whichever path the first took").containsOnlyKeys("c-1",
                    "c-2", "c-3");
            assertThat(v.get("c-3").verdict().duplicateOf()).isEqualTo("c-1");
            assertThat(v.get("c-1").verdict().reasons()).noneMatch(r -> r.contains("without its article"));
        }
    }
}
