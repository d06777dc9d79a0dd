package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.config.Env;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.FreePorts;
import dev.threadguard.embedded.TestServers;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.ModerationService;
import dev.threadguard.moderation.ModerationTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out with a crash: two moderation instances, each {@code threadguard moderation} in a JVM of its own (one
 * application id, one standby replica, one stream thread each), share the input partitions. While comments stream in,
 * one is killed with SIGKILL, leaving its group membership and its open exactly-once transaction behind. The survivor
 * must own every task and produce verdicts for the dead instance's partitions within {@link #TAKEOVER_BOUND} of the
 * kill, and the verdicts, read as the sink reads them (read_committed), must equal a single-instance run of the same
 * topology over the same input (TopologyTestDriver): one final verdict per comment (after at most one provisional
 * one), none lost or doubled, the second wave's copies found through the state the standbys held.
 */
class StandbyTakeoverIT {
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(15);
    private static final int PARTITIONS = 4;
    private static final Duration SEND_EVERY = Duration.ofMillis(25);
    private static final List<ServiceProcess> STARTED = new ArrayList<>();

    @TempDir
    static Path dir;

    private final long started = System.nanoTime();

    @AfterEach
    void killChildrenOfThisTest() {
        killChildren();
    }

    /** A safety net: no child outlives the class, whatever failed. */
    @AfterAll
    static void killChildren() {
        STARTED.stream().filter(ServiceProcess::alive).forEach(ServiceProcess::kill);
        STARTED.clear();
    }

    private void phase(String what) {
        System.out.printf("StandbyTakeoverIT %6.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static void awaitQuietly(Duration atMost, Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(atMost).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5)).until(condition);
        } catch (ConditionTimeoutException e) {
            // Said in the summary.
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theSurvivorTakesOverAKilledInstanceWithinFifteenSecondsAndTheVerdictsEqualASingleInstanceRun()
            throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "moderation-takeover-" + run;
        // The input topics are shared with this JVM's other tests: whoever came first chose their partition count.
        TopicSetup.ensureTopics(bootstrap, PARTITIONS, (short) 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, String> producer = producer(bootstrap)) {
            int partitions = admin.describeTopics(List.of(Topics.COMMENTS_SUBMITTED.name())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.COMMENTS_SUBMITTED.name()).partitions().size();
            assertThat(partitions).as("input partitions").isBetween(2, TakeoverInput.ARTICLES);
            TakeoverInput input = TakeoverInput.create(run, partitions);
            Map<String, String> env = new HashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                    "MODERATION_APPLICATION_ID", applicationId,
                    "MODERATION_STANDBY_REPLICAS", "1",
                    "MODERATION_STREAM_THREADS", "1",
                    "TOPIC_PARTITIONS", Integer.toString(partitions),
                    // Words only: the embedding model would only make each start slower; state is what matters here.
                    "OFF_TOPIC_EMBEDDINGS", "false"));
            TakeoverGroup group = new TakeoverGroup(admin, applicationId);
            // The application starts at the inputs' current end, as on topics of its own: records of earlier runs
            // (same texts, other ids) would otherwise be judged first and make this run's comments their copies.
            group.startAtEnd(List.of(Topics.ARTICLES.name(), Topics.COMMENTS_SUBMITTED.name()));
            ServiceProcess victim = start("victim", env, applicationId);
            ServiceProcess survivor = start("survivor", env, applicationId);

            try (VerdictReader verdicts = VerdictReader.fromNow(bootstrap, run)) {
                Diagnostics diagnostics = new Diagnostics(victim, survivor, group, verdicts);
                // Held for 3 s: a task moving to a newly joined member takes two rebalances (cooperative protocol).
                List<Map<String, Set<Integer>>> stable = new ArrayList<>(List.of(Map.of()));
                diagnostics.await("both instances RUNNING, each owning input partitions", Duration.ofSeconds(180),
                        Duration.ofSeconds(3), () -> {
                            if (!victim.healthy() || !survivor.healthy()) {
                                return false;
                            }
                            Map<String, Set<Integer>> owners = group.owners();
                            stable.set(0, owners);
                            return owners.size() == 2 && owners.values().stream().noneMatch(Set::isEmpty);
                        });
                phase("both running");
                Set<Integer> victimPartitions = stable.get(0).get(instanceId(applicationId, "victim"));
                assertThat(victimPartitions).as("the victim's input partitions").isNotEmpty();

                Map<String, Integer> partitionOf = new HashMap<>();
                for (Article article : input.articles()) {
                    int partition = producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), null,
                            article.publishedAt().toEpochMilli(), article.articleId(), Json.writeString(article)))
                            .get(30, TimeUnit.SECONDS).partition();
                    assertThat(partition).as(article.articleId()).isEqualTo(
                            TakeoverInput.partitionOf(article.articleId(), partitions));
                }
                input.comments().forEach(c -> partitionOf.put(c.commentId(),
                        TakeoverInput.partitionOf(c.articleId(), partitions)));
                input.originals().forEach(c -> send(producer, c));
                producer.flush();
                diagnostics.await("the originals' verdicts", Duration.ofSeconds(60),
                        () -> verdicts.poll().containsAll(ids(input.originals())));

                // The rest streams in at a steady pace; the kill falls while the victim is processing it, and the
                // second wave waits for the kill.
                List<Comment> rest = new ArrayList<>(input.duringKill());
                rest.addAll(input.secondWave());
                phase("originals judged; streaming");
                try (PacedSender sender = PacedSender.start(producer, rest, input.duringKill().size(), SEND_EVERY)) {
                    diagnostics.await("the victim judging the streamed comments", Duration.ofSeconds(90),
                            () -> verdicts.poll().stream().filter(id -> id.contains("-f1-"))
                                    .filter(id -> victimPartitions.contains(partitionOf.get(id))).count() >= 10);
                    String processId = group.processIdOf(instanceId(applicationId, "victim"));
                    // Most likely at once while it processes; if the victim has caught up with all it was sent, the
                    // kill finds no transaction open, which the summary says.
                    awaitQuietly(Duration.ofSeconds(10), () -> !group.openTransactions(processId).isEmpty());
                    long killedAt = System.nanoTime();
                    int exit = victim.kill();
                    phase("victim killed");
                    Optional<TransactionListing> leftOpen = group.openTransactions(processId).stream().findFirst();
                    System.out.println("StandbyTakeoverIT transactions at the kill: " + group.transactions());
                    sender.release();
                    assertThat(exit).as("exit value of a JVM killed by SIGKILL").isEqualTo(137);

                    Duration[] ownedAfter = {null};
                    diagnostics.await("the survivor's first verdict for the victim's partitions", Duration.ofSeconds(60),
                            () -> {
                                if (ownedAfter[0] == null && group.ownsAll(instanceId(applicationId, "survivor"),
                                        partitions)) {
                                    ownedAfter[0] = Duration.ofNanos(System.nanoTime() - killedAt);
                                }
                                verdicts.poll();
                                return verdicts.firstReadAfter(killedAt, id -> victimPartitions.contains(
                                        partitionOf.get(id)) && sentAfter(sender, id, killedAt)).isPresent();
                            });
                    phase("first verdict for the victim's partitions");
                    Duration resumedAfter = Duration.ofNanos(verdicts.firstReadAfter(killedAt,
                            id -> victimPartitions.contains(partitionOf.get(id)) && sentAfter(sender, id, killedAt))
                            .getAsLong() - killedAt);
                    diagnostics.await("the survivor owning every task", Duration.ofSeconds(30), () -> {
                        if (ownedAfter[0] == null && group.ownsAll(instanceId(applicationId, "survivor"), partitions)) {
                            ownedAfter[0] = Duration.ofNanos(System.nanoTime() - killedAt);
                        }
                        return ownedAfter[0] != null;
                    });
                    diagnostics.await("every comment's verdict", Duration.ofSeconds(90),
                            () -> sender.done() && verdicts.poll().containsAll(ids(input.comments())));
                    verdicts.drainToEnd();
                    phase("every verdict read");

                    Map<String, ModeratedComment> single = singleInstanceRun(env, input);
                    System.out.printf("StandbyTakeoverIT: %d input partitions, victim owned %s; transaction left open "
                                    + "at the kill: %s; survivor owned every task %.1f s and judged the victim's "
                                    + "partitions again %.1f s after the kill; %d comments, %d verdicts read "
                                    + "(read_committed), %d records for them in the log (read_uncommitted, aborted "
                                    + "ones included)%n", partitions, victimPartitions,
                            leftOpen.map(t -> t.transactionalId() + " " + t.state()).orElse("none"),
                            ownedAfter[0].toMillis() / 1000.0, resumedAfter.toMillis() / 1000.0,
                            input.comments().size(), verdicts.records().size(), verdicts.countInLog());

                    // One final verdict per comment, preceded by at most one provisional one (awaiting a second opinion).
                    assertThat(verdicts.records().stream().collect(Collectors.groupingBy(r -> r.commentId(),
                            Collectors.partitioningBy(r -> r.value().verdict().provisional(), Collectors.counting())))
                            .entrySet()).as("final and provisional verdicts per comment, read_committed")
                            .allSatisfy(e -> {
                                assertThat(e.getValue().get(false)).as(e.getKey() + " final").isEqualTo(1L);
                                assertThat(e.getValue().get(true)).as(e.getKey() + " provisional").isLessThanOrEqualTo(1L);
                            });
                    assertThat(single.keySet()).containsExactlyInAnyOrderElementsOf(ids(input.comments()));
                    assertThat(single.get("c-" + run + "-w2-other-0").verdict().duplicateOf())
                            .isEqualTo("c-" + run + "-w1-0");
                    for (Map.Entry<String, ModeratedComment> expected : single.entrySet()) {
                        ModeratedComment actual = verdicts.verdict(expected.getKey());
                        assertThat(actual.verdict().flags()).as(expected.getKey())
                                .isEqualTo(expected.getValue().verdict().flags());
                        assertThat(actual.verdict().duplicateOf()).as(expected.getKey())
                                .isEqualTo(expected.getValue().verdict().duplicateOf());
                        assertThat(actual.verdict().reasons()).as(expected.getKey())
                                .isEqualTo(expected.getValue().verdict().reasons());
                    }
                    assertThat(resumedAfter).as("kill -> survivor's first verdict for the victim's partitions")
                            .isLessThanOrEqualTo(TAKEOVER_BOUND);
                    assertThat(ownedAfter[0]).as("kill -> survivor owns every task").isLessThanOrEqualTo(TAKEOVER_BOUND);
                }
            }
        }
    }

    /** The same topology and settings in TopologyTestDriver, the input piped in the order it was sent. */
    private static Map<String, ModeratedComment> singleInstanceRun(Map<String, String> env, TakeoverInput input)
            throws Exception {
        ModerationConfig config = ModerationConfig.fromEnv(new Env(env))
                .withStateDir(Files.createTempDirectory(dir, "single"));
        Map<String, ModeratedComment> verdicts = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(ModerationTopology.build(config),
                ModerationService.streamsProperties(config))) {
            TestInputTopic<String, Article> articles = driver.createInputTopic(Topics.ARTICLES.name(),
                    Topics.ARTICLES.keySerde().serializer(), Topics.ARTICLES.valueSerde().serializer());
            TestInputTopic<String, Comment> comments = driver.createInputTopic(Topics.COMMENTS_SUBMITTED.name(),
                    Topics.COMMENTS_SUBMITTED.keySerde().serializer(), Topics.COMMENTS_SUBMITTED.valueSerde().serializer());
            input.articles().forEach(a -> articles.pipeInput(a.articleId(), a, a.publishedAt()));
            input.comments().forEach(c -> comments.pipeInput(c.articleId(), c, c.postedAt()));
            driver.createOutputTopic(Topics.COMMENTS_MODERATED.name(), Topics.COMMENTS_MODERATED.keySerde().deserializer(),
                    Topics.COMMENTS_MODERATED.valueSerde().deserializer()).readValuesToList()
                    .forEach(m -> verdicts.put(m.comment().commentId(), m));
        }
        return verdicts;
    }

    private static boolean sentAfter(PacedSender sender, String commentId, long killedAt) {
        long sentAt = sender.sentAt(commentId);
        return sentAt != Long.MAX_VALUE && sentAt > killedAt;
    }

    private static ServiceProcess start(String name, Map<String, String> common, String applicationId)
            throws Exception {
        Map<String, String> env = new HashMap<>(common);
        int port = FreePorts.pick();
        env.put("MODERATION_PORT", Integer.toString(port));
        env.put("MODERATION_STATE_DIR",
                Files.createDirectories(dir.resolve(applicationId + "-" + name + "-state")).toString());
        env.put("MODERATION_INSTANCE_ID", instanceId(applicationId, name));
        // Kept after the test, next to its reports, for a look at a slow or failed takeover.
        // Two fresh JVMs beside the broker on a 2-core CI machine: the C2 compiler's CPU would be most of their start,
        // and the parallel collector's threads compete for the same cores. What is measured here is the takeover.
        ServiceProcess process = ServiceProcess.start("moderation", env, port,
                Files.createDirectories(Path.of("target", "takeover-it", applicationId, name)),
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        STARTED.add(process);
        return process;
    }

    private static String instanceId(String applicationId, String name) {
        return applicationId + "-" + name;
    }

    private static void send(KafkaProducer<String, String> producer, Comment c) {
        producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), null, c.postedAt().toEpochMilli(),
                c.articleId(), Json.writeString(c)));
    }

    private static List<String> ids(List<Comment> comments) {
        return comments.stream().map(Comment::commentId).toList();
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(),
                new StringSerializer());
    }

    /** Waits with Awaitility; when a wait fails, the children's log tails, the group and the verdicts so far. */
    private record Diagnostics(ServiceProcess victim, ServiceProcess survivor, TakeoverGroup group,
                               VerdictReader verdicts) {
        void await(String what, Duration atMost, Callable<Boolean> condition) {
            await(what, atMost, Duration.ZERO, condition);
        }

        /** @param holding how long the condition must hold without a break */
        void await(String what, Duration atMost, Duration holding, Callable<Boolean> condition) {
            try {
                Awaitility.await(what).atMost(atMost).during(holding).pollInSameThread().pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(50)).until(condition);
            } catch (ConditionTimeoutException | IllegalStateException e) {
                throw new AssertionError("waited " + atMost + " for " + what + "\ngroup: " + group.describe()
                        + "\nverdicts read: " + verdicts.records().size()
                        + "\n--- victim (alive: " + victim.alive() + ") ---\n" + victim.logTail()
                        + "\n--- survivor (alive: " + survivor.alive() + ") ---\n" + survivor.logTail(), e);
            }
        }
    }
}
