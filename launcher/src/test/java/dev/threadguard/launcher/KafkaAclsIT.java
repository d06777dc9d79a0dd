package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.config.Env;
import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.contract.KafkaClientSecurity.Mechanism;
import dev.threadguard.contract.KafkaClientSecurity.Protocol;
import dev.threadguard.contract.ProducerSettings;
import dev.threadguard.contract.SiteKey;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.ModerationService;
import dev.threadguard.moderation.ModerationTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka secured as docker-compose.yml secures it: a real broker with a SCRAM-SHA-512 listener and
 * {@code StandardAuthorizer} (nothing allowed without an ACL), the ACLs of deploy/kafka/acls.txt applied as
 * they are, and each service's principal doing its service's work with the services' own client settings and
 * the real moderation topology; then each is refused what belongs to another service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaAclsIT {
    private static final String ARTICLE_ID = "acl-article-" + UUID.randomUUID();
    private static final String COMMENT_ID = "acl-comment-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    private static SecuredKafka kafka;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        kafka = SecuredKafka.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void ingestCreatesThePipelineTopicsAndPublishesArticlesAndCommentsInTransactions() throws Exception {
        try (Admin asIngest = Admin.create(client("ingest", new Properties()))) {
            asIngest.createTopics(TopicSetup.topics(3, (short) 1)).all().get();
        }
        Properties settings = ProducerSettings.transactional(kafka.bootstrapServers(), "threadguard-ingest-acl-it-0",
                Duration.ofSeconds(15));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(security("ingest").applyTo(settings),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), ARTICLE_ID, """
                    {"type":"article","articleId":"%s","title":"Skype runs on Windows Azure",\
                    "body":"Microsoft moves Skype onto its Azure cloud.","publishedAt":"2024-05-01T10:00:00Z"}"""
                    .formatted(ARTICLE_ID)));
            producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), ARTICLE_ID, """
                    {"type":"comment","commentId":"%s","articleId":"%s","author":"Ann",\
                    "body":"Is the Azure move finished yet?","postedAt":"2024-05-01T10:01:00Z"}"""
                    .formatted(COMMENT_ID, ARTICLE_ID)));
            producer.commitTransaction();
        }
    }

    @Test
    @Order(2)
    void ingestWritesAndReadsTheSiteKeysWithoutAConsumerGroup() throws Exception {
        // As SiteKeyRegistry writes its seed key: an idempotent producer, not transactional.
        SiteKey seed = new SiteKey("k-acl-" + UUID.randomUUID(), "default", "0".repeat(64), Instant.now(), null);
        Properties writer = new Properties();
        writer.put(ProducerConfig.ACKS_CONFIG, "all");
        writer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, SiteKey> producer = new KafkaProducer<>(client("ingest", writer),
                Topics.SITE_KEYS.keySerde().serializer(), Topics.SITE_KEYS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.SITE_KEYS.name(), seed.keyId(), seed)).get();
        }
        // As every ingest instance reads them: the whole topic by assign(), no group, nothing committed.
        Properties reader = new Properties();
        reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> keyIds = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client("ingest", reader),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SITE_KEYS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            assertThat(consumer.endOffsets(partitions).values()).allMatch(end -> end > 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keyIds.add(r.key()));
                return keyIds.contains(seed.keyId());
            });
        }
    }

    @Test
    @Order(3)
    void moderationRunsTheRealTopologyWithItsGroupInternalTopicsAndTransactionalIds() throws Exception {
        ModerationConfig config = ModerationConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                // Any id under the prefix the ACLs give moderation, as several deployments of it would use.
                "MODERATION_APPLICATION_ID", "threadguard-moderation-acl-it-" + UUID.randomUUID(),
                "MODERATION_STATE_DIR", dir.resolve("streams").toString(),
                "MODERATION_PORT", "0",
                "OFF_TOPIC_EMBEDDINGS", "false")));
        Properties props = security("moderation").applyTo(ModerationService.streamsProperties(config));
        try (KafkaStreams streams = new KafkaStreams(ModerationTopology.build(config), props)) {
            streams.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            // The verdict, read by the sink's principal in the sink's group, as the sink reads it.
            List<String> verdicts = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = sinkConsumer("threadguard-sink-acl-it-" + UUID.randomUUID())) {
                consumer.subscribe(List.of(Topics.COMMENTS_MODERATED.name()));
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> verdicts.add(r.value()));
                    return verdicts.stream().anyMatch(v -> v.contains(COMMENT_ID));
                });
            }
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
        // Its changelog and repartition topics were created under its prefix, which only it may touch.
        assertThat(kafka.admin().listTopics().names().get())
                .anyMatch(name -> name.startsWith(config.applicationId()) && name.endsWith("-changelog"));
    }

    @Test
    @Order(4)
    void sinkReadsItsTopicsInItsGroupPublishesDecisionsAndDeadLetters() throws Exception {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = sinkConsumer("threadguard-sink")) {
            consumer.subscribe(List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(), Topics.DECISIONS.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.stream().anyMatch(r -> r.topic().equals(Topics.ARTICLES.name()) && ARTICLE_ID.equals(r.key()));
            });
            consumer.commitSync();
        }

        Properties decisions = ProducerSettings.transactional(kafka.bootstrapServers(),
                "threadguard-sink-decisions-" + UUID.randomUUID(), Duration.ofSeconds(15));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(security("sink").applyTo(decisions),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), COMMENT_ID, "{}"));
            producer.commitTransaction();
        }

        // The dead-letter producer: idempotent, not transactional (sink DeadLetters).
        Properties deadLetters = new Properties();
        deadLetters.put(ProducerConfig.ACKS_CONFIG, "all");
        deadLetters.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(client("sink", deadLetters),
                new StringSerializer(), new StringSerializer())) {
            assertThat(producer.send(new ProducerRecord<>(Topics.COMMENTS_DLQ.name(), "k", "not json")).get().offset())
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    @Order(5)
    void eachPrincipalIsRefusedTheTopicsGroupsAndTransactionalIdsOfTheOthers() {
        assertThat(readFailure("ingest", Topics.COMMENTS_MODERATED.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure("ingest", Topics.DECISIONS.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure("moderation", Topics.DECISIONS.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure("moderation", Topics.COMMENTS_DLQ.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure("sink", Topics.COMMENTS_SUBMITTED.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure("nobody", Topics.ARTICLES.name())).isInstanceOf(TopicAuthorizationException.class);
        // The site keys are ingest's (and the operators'): no other service reads or writes them.
        assertThat(readFailure("moderation", Topics.SITE_KEYS.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure("sink", Topics.SITE_KEYS.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(writeFailure("moderation", Topics.SITE_KEYS.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(writeFailure("sink", Topics.SITE_KEYS.name())).isInstanceOf(TopicAuthorizationException.class);

        assertThat(writeFailure("ingest", Topics.COMMENTS_MODERATED.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(writeFailure("ingest", Topics.DECISIONS.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(writeFailure("moderation", Topics.DECISIONS.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(writeFailure("moderation", Topics.ARTICLES.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(writeFailure("sink", Topics.COMMENTS_SUBMITTED.name())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(writeFailure("sink", Topics.COMMENTS_MODERATED.name())).isInstanceOf(TopicAuthorizationException.class);

        assertThat(groupFailure("sink", "threadguard-moderation", Topics.ARTICLES.name()))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThat(groupFailure("moderation", "threadguard-sink", Topics.ARTICLES.name()))
                .isInstanceOf(GroupAuthorizationException.class);

        assertThat(transactionFailure("ingest", "threadguard-sink-decisions-x"))
                .isInstanceOf(TransactionalIdAuthorizationException.class);
        assertThat(transactionFailure("sink", "threadguard-moderation-x"))
                .isInstanceOf(TransactionalIdAuthorizationException.class);

        // Only ingest creates the pipeline's topics, and no one creates any other topic.
        assertThat(createFailure("sink", "comments.other")).isInstanceOf(TopicAuthorizationException.class);
        assertThat(createFailure("ingest", "comments.other")).isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    @Order(6)
    void aWrongPasswordIsRefusedAtLogin() {
        Properties props = kafka.client("ingest", new Properties());
        KafkaClientSecurity.scram(Protocol.SASL_PLAINTEXT, Mechanism.SCRAM_SHA_512, "ingest", "wrong").applyTo(props);
        try (Admin wrong = Admin.create(props)) {
            Throwable failure = cause(() -> wrong.describeCluster().clusterId().get());
            assertThat(failure).isInstanceOf(SaslAuthenticationException.class);
            assertThat(failure.getMessage()).doesNotContain(kafka.password("ingest"));
        }
    }

    private static Throwable readFailure(String user, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client(user, new Properties()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            return cause(() -> consumer.poll(Duration.ofSeconds(5)));
        }
    }

    private static Throwable writeFailure(String user, String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(client(user, props),
                new StringSerializer(), new StringSerializer())) {
            return cause(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get());
        }
    }

    private static Throwable groupFailure(String user, String group, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client(user, props),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            return cause(() -> {
                for (int i = 0; i < 50; i++) {
                    consumer.poll(Duration.ofMillis(200));
                }
                return null;
            });
        }
    }

    private static Throwable transactionFailure(String user, String transactionalId) {
        Properties settings = ProducerSettings.transactional(kafka.bootstrapServers(), transactionalId, Duration.ofSeconds(10));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(security(user).applyTo(settings),
                new StringSerializer(), new StringSerializer())) {
            return cause(() -> {
                producer.initTransactions();
                return null;
            });
        }
    }

    private static Throwable createFailure(String user, String topic) {
        try (Admin asUser = Admin.create(client(user, new Properties()))) {
            return cause(() -> asUser.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get());
        }
    }

    private static KafkaConsumer<String, String> sinkConsumer(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(client("sink", props), new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaClientSecurity security(String user) {
        return kafka.security(user);
    }

    private static Properties client(String user, Properties props) {
        return kafka.client(user, props);
    }

    /** What the call failed with, unwrapped from futures; fails the test if it succeeded. */
    private static Throwable cause(java.util.concurrent.Callable<?> call) {
        try {
            call.call();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected the broker to refuse this, but it was allowed");
    }
}
