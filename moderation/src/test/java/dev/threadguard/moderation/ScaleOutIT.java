package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two moderation instances (separate KafkaStreams clients, one application id) share the partitions; one is closed
 * between two waves of comments and the other takes its tasks over (restoring the logged stores, rebuilding the
 * unlogged indexes). The verdicts equal those of a single instance over the same input (TopologyTestDriver), so the
 * second wave's copies of the first wave's comments are found after the move.
 */
class ScaleOutIT {
    private static final int ARTICLES = 6;
    /**
     * Recent, not a fixed date: the input topics are shared with the other integration tests of this JVM, whose
     * records carry today's times, and retention is measured in stream time, so threads dated years back would be
     * forgotten as quiet as soon as a moved task's first punctuation runs, which the single-instance run never sees.
     */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private static final String[] OPINIONS = {
        "Moving the whole Skype backend onto Azure is the riskiest migration Microsoft has tried in years.",
        "Call quality dropped for me the week they switched, and nobody explained what actually changed.",
        "I still remember when Skype was peer to peer and ran fine on a ten year old laptop at home.",
        "The real story here is the price of running millions of calls through somebody else's data centre.",
        "Regulators should look at how much of our daily talk now passes through a single company's servers.",
        "My parents only use it for the weekly call and they will not notice any of this at all, honestly."};

    /**
     * Distinct replies: one text posted by several accounts in several threads at once would be copies of each other,
     * and which of them is judged first at the global copy search depends on how the partitions interleave (a copy
     * that arrives before the comment it copies is not flagged; verdicts are not revised).
     */
    private static final String[] REPLIES = {
        "Fair point, though the migration itself went smoothly for most people I know.",
        "My office switched last month and the only thing anyone noticed was a new login screen.",
        "Do you have a source for the outage numbers? I could not find them anywhere official.",
        "Peer to peer had its own problems, supernodes on home machines were never a great idea.",
        "Pricing is the part nobody will talk about until the bills for the business tier arrive.",
        "Same here, my grandmother would not notice if they moved it to the moon tomorrow."};

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    @Test
    void theSurvivorTakesOverAndTheVerdictsEqualASingleInstanceRun() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ModerationConfig base = ModerationConfig.defaults(bootstrap).withApplicationId("moderation-scale-" + run)
                .withPort(0);
        List<Article> articles = new ArrayList<>();
        for (int a = 0; a < ARTICLES; a++) {
            articles.add(new Article("a-" + run + "-" + a, "Skype moves onto Azure, part " + a,
                    "Microsoft moves the Skype service onto its Azure servers.", "https://example.com/" + run + "/" + a,
                    T0, List.of("skype")));
        }
        // Wave 1: originals. Wave 2 (after the move): copies of them in other threads, by the same author and by
        // others, repeats inside a thread, replies to wave-1 comments.
        List<Comment> wave1 = new ArrayList<>();
        List<Comment> wave2 = new ArrayList<>();
        for (int a = 0; a < ARTICLES; a++) {
            wave1.add(comment(run, "w1-" + a, a, null, "author-" + a, OPINIONS[a], a));
        }
        for (int a = 0; a < ARTICLES; a++) {
            int other = (a + 1) % ARTICLES;
            wave2.add(comment(run, "w2-same-" + a, other, null, "author-" + a, OPINIONS[a], 100 + a));
            wave2.add(comment(run, "w2-thread-" + a, a, null, "someone-" + a, OPINIONS[a], 200 + a));
            wave2.add(comment(run, "w2-reply-" + a, a, "c-" + run + "-w1-" + a, "replier-" + a, REPLIES[a], 300 + a));
            // A copy by someone else in a third thread: the global copy search, whose store moved with its tasks.
            wave2.add(comment(run, "w2-other-" + a, (a + 2) % ARTICLES, null, "stranger-" + a, OPINIONS[a], 400 + a));
        }

        ModerationService a = ModerationService.start(base.withStateDir(stateA));
        ModerationService b = null;
        Map<String, ModeratedComment> verdicts = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer(bootstrap);
             KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            b = ModerationService.start(base.withStateDir(stateB));
            consumer.subscribe(List.of(Topics.COMMENTS_MODERATED.name()));
            for (Article article : articles) {
                producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), null, T0.toEpochMilli(), article.articleId(),
                        Json.writeString(article)));
            }
            send(producer, wave1);
            awaitVerdicts(consumer, run, verdicts, wave1.size());

            a.close();
            a = null;
            send(producer, wave2);
            awaitVerdicts(consumer, run, verdicts, wave1.size() + wave2.size());
        } finally {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        }

        Map<String, ModeratedComment> single = new HashMap<>();
        try (ModerationDriver tg = new ModerationDriver(base)) {
            articles.forEach(tg::pipe);
            wave1.forEach(tg::pipe);
            wave2.forEach(tg::pipe);
            tg.verdicts().forEach(r -> single.put(r.value().comment().commentId(), r.value()));
        }
        assertThat(single).hasSize(wave1.size() + wave2.size());
        assertThat(single.get("c-" + run + "-w2-same-0").verdict().duplicateOf()).isEqualTo("c-" + run + "-w1-0");
        assertThat(single.get("c-" + run + "-w2-thread-0").verdict().duplicateOf()).isEqualTo("c-" + run + "-w1-0");
        assertThat(single.get("c-" + run + "-w2-other-0").verdict().duplicateOf()).isEqualTo("c-" + run + "-w1-0");
        for (Map.Entry<String, ModeratedComment> expected : single.entrySet()) {
            ModeratedComment actual = verdicts.get(expected.getKey());
            assertThat(actual).as(expected.getKey()).isNotNull();
            assertThat(actual.verdict().flags()).as(expected.getKey()).isEqualTo(expected.getValue().verdict().flags());
            assertThat(actual.verdict().duplicateOf()).as(expected.getKey())
                    .isEqualTo(expected.getValue().verdict().duplicateOf());
            // Only the duplicate reasons: the off-topic thread similarity averages the embeddings an instance has
            // cached (OffTopicDetector.threadCentroid), so its figure, not its decision, depends on which instance
            // judged the thread's earlier comments.
            assertThat(duplicateReasons(actual)).as(expected.getKey())
                    .isEqualTo(duplicateReasons(expected.getValue()));
        }
    }

    private static List<String> duplicateReasons(ModeratedComment m) {
        return m.verdict().reasons().stream().filter(r -> r.contains("duplicate")).toList();
    }

    private static Comment comment(String run, String id, int article, String parentId, String author, String body,
                                   int second) {
        return new Comment("c-" + run + "-" + id, "a-" + run + "-" + article, parentId, author, null, body,
                T0.plusSeconds(60 + second));
    }

    private static void send(KafkaProducer<String, String> producer, List<Comment> comments) {
        for (Comment c : comments) {
            producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), null, c.postedAt().toEpochMilli(),
                    c.articleId(), Json.writeString(c)));
        }
        producer.flush();
    }

    private static void awaitVerdicts(KafkaConsumer<String, String> consumer, String run,
                                      Map<String, ModeratedComment> verdicts, int expected) {
        await().atMost(120, TimeUnit.SECONDS).untilAsserted(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.key() != null && r.key().startsWith("a-" + run)) {
                    ModeratedComment m = Json.read(r.value(), ModeratedComment.class);
                    assertThat(verdicts.put(m.comment().commentId(), m)).as("one verdict per comment").isNull();
                }
            }
            assertThat(verdicts).hasSize(expected);
        });
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "scale-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
