package dev.threadguard.moderation;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.moderation.metrics.ModerationMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production topology and Streams settings in TopologyTestDriver, with a private state directory. */
final class ModerationDriver implements AutoCloseable {
    static final Instant WALL_CLOCK_START = Instant.parse("2026-01-01T00:00:00Z");

    final TopologyTestDriver driver;
    final TestInputTopic<String, Article> articles;
    final TestInputTopic<String, Comment> comments;
    final TestInputTopic<String, String> rawComments;
    final TestInputTopic<String, String> rawArticles;
    final TestOutputTopic<String, ModeratedComment> moderated;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Path stateDir;

    ModerationDriver(ModerationConfig config) {
        this(config, null);
    }

    /** With {@code metrics} passed to the processors as the service passes them (null: nothing measured). */
    ModerationDriver(ModerationConfig config, ModerationMetrics metrics) {
        try {
            stateDir = Files.createTempDirectory("moderation-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModerationConfig local = config.withStateDir(stateDir);
        Properties props = ModerationService.streamsProperties(local);
        if (metrics != null) {
            props.put(ModerationMetrics.CONFIG_KEY, metrics);
        }
        driver = new TopologyTestDriver(ModerationTopology.build(local), props, WALL_CLOCK_START);
        articles = driver.createInputTopic(Topics.ARTICLES.name(), Topics.ARTICLES.keySerde().serializer(),
                Topics.ARTICLES.valueSerde().serializer());
        comments = driver.createInputTopic(Topics.COMMENTS_SUBMITTED.name(),
                Topics.COMMENTS_SUBMITTED.keySerde().serializer(), Topics.COMMENTS_SUBMITTED.valueSerde().serializer());
        rawComments = driver.createInputTopic(Topics.COMMENTS_SUBMITTED.name(), new StringSerializer(),
                new StringSerializer());
        rawArticles = driver.createInputTopic(Topics.ARTICLES.name(), new StringSerializer(), new StringSerializer());
        moderated = driver.createOutputTopic(Topics.COMMENTS_MODERATED.name(),
                Topics.COMMENTS_MODERATED.keySerde().deserializer(), Topics.COMMENTS_MODERATED.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.COMMENTS_DLQ.name(), Topics.COMMENTS_DLQ.keySerde().deserializer(),
                Topics.COMMENTS_DLQ.valueSerde().deserializer());
    }

    static ModerationDriver withDefaults() {
        return new ModerationDriver(ModerationConfig.forEvaluation().withApplicationId("moderation-ttd"));
    }

    void pipe(Article article) {
        articles.pipeInput(article.articleId(), article, article.publishedAt());
    }

    void pipe(Comment comment) {
        comments.pipeInput(comment.articleId(), comment, comment.postedAt());
    }

    /**
     * The final verdicts produced since the last read, in order: a provisional one (a second opinion pending) is
     * superseded by the revision that follows it, which is what these tests judge; {@link #allVerdicts} has both.
     */
    List<TestRecord<String, ModeratedComment>> verdicts() {
        return allVerdicts().stream().filter(r -> r.value() == null || !r.value().verdict().provisional()).toList();
    }

    /** Every verdict record produced since the last read, provisional ones included, in order. */
    List<TestRecord<String, ModeratedComment>> allVerdicts() {
        return moderated.readRecordsToList();
    }

    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
