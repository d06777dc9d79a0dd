package dev.threadguard.moderation.evaluate;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.InvalidEventException;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.contract.Verdict;
import dev.threadguard.contract.Violation;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.ModerationService;
import dev.threadguard.moderation.ModerationTopology;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evaluate} command: replays an events file through the production topology (the same
 * {@link ModerationTopology#build} the service runs, in TopologyTestDriver, without a broker), writes one
 * verdict per comment in input order and, given labels, scores them.
 *
 * <p>Deterministic: each record carries its event's own time (postedAt / publishedAt, or one millisecond
 * after the previous event when it has none), and the topology judges at record time. Comments whose
 * article never arrives are judged without it at the end, as the hold timeout would in the service.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final ModerationConfig config;

    public Evaluator(ModerationConfig config) {
        this.config = config;
    }

    /**
     * @param events JSONL of article and comment events (dataset-format.md)
     * @param labels JSONL of labels, or null to only write verdicts
     * @param output where the verdict JSONL goes (overwritten)
     * @throws EvaluationException naming the file and line of a malformed input line
     */
    public EvaluationReport evaluate(Path events, Path labels, Path output) {
        long started = System.nanoTime();
        long transformerTexts = dev.threadguard.moderation.offtopic.MiniLmEmbedder.textsEmbedded();
        List<Label> labelList = labels == null ? null : readJsonl(labels, "labels", line -> label(line));
        List<Event> eventList = readJsonl(events, "events", line -> Json.read(line, Event.class));
        Set<String> commentIds = new LinkedHashSet<>();
        int articles = 0;
        for (Event event : eventList) {
            if (event instanceof Comment c) {
                commentIds.add(c.commentId());
            } else {
                articles++;
            }
        }
        Map<String, Verdict> verdicts = run(eventList);
        int written = write(output, commentIds, verdicts);
        Scores scores = labelList == null ? null : Scores.of(labelList, verdicts);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("evaluated {} comments of {} in {} ms; the MiniLM transformer embedded {} texts", commentIds.size(), events,
                elapsed.toMillis(), dev.threadguard.moderation.offtopic.MiniLmEmbedder.textsEmbedded() - transformerTexts);
        return new EvaluationReport(events, output, articles, commentIds.size(), written, elapsed, scores);
    }

    private Map<String, Verdict> run(List<Event> events) {
        Path stateDir = createTempDir();
        ModerationConfig local = config.withStateDir(stateDir);
        Map<String, Verdict> verdicts = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(ModerationTopology.build(local),
                ModerationService.streamsProperties(local), Instant.EPOCH)) {
            TestInputTopic<String, Article> articles = driver.createInputTopic(Topics.ARTICLES.name(),
                    Topics.ARTICLES.keySerde().serializer(), Topics.ARTICLES.valueSerde().serializer());
            TestInputTopic<String, Comment> comments = driver.createInputTopic(Topics.COMMENTS_SUBMITTED.name(),
                    Topics.COMMENTS_SUBMITTED.keySerde().serializer(),
                    Topics.COMMENTS_SUBMITTED.valueSerde().serializer());
            TestOutputTopic<String, ModeratedComment> moderated = driver.createOutputTopic(
                    Topics.COMMENTS_MODERATED.name(), Topics.COMMENTS_MODERATED.keySerde().deserializer(),
                    Topics.COMMENTS_MODERATED.valueSerde().deserializer());
            long previous = 0;
            for (Event event : events) {
                Instant at = event instanceof Comment c ? c.postedAt() : ((Article) event).publishedAt();
                long timestamp = at != null && !at.isBefore(Instant.EPOCH) ? at.toEpochMilli() : previous + 1;
                if (event instanceof Comment c) {
                    comments.pipeInput(c.articleId(), c, timestamp);
                } else {
                    articles.pipeInput(event.articleId(), (Article) event, timestamp);
                }
                previous = timestamp;
            }
            // Comments still waiting for an article that never came: let the hold timeout pass.
            driver.advanceWallClockTime(local.holdTimeout().plus(Duration.ofMinutes(2)));
            // The latest verdict of a comment stands: a provisional one is followed by its second opinion's.
            for (ModeratedComment m : moderated.readValuesToList()) {
                verdicts.put(m.verdict().commentId(), m.verdict());
            }
            verdicts.values().stream().filter(Verdict::provisional).forEach(v -> LOG.warn(
                    "comment {} has only a provisional verdict: its second opinion never came", v.commentId()));
        } finally {
            deleteRecursively(stateDir);
        }
        return verdicts;
    }

    private static int write(Path output, Set<String> commentIds, Map<String, Verdict> verdicts) {
        int written = 0;
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                for (String id : commentIds) {
                    Verdict verdict = verdicts.get(id);
                    if (verdict == null) {
                        LOG.warn("comment {} got no verdict", id);
                        continue;
                    }
                    out.write(Json.writeString(VerdictLine.of(verdict)));
                    out.write('\n');
                    written++;
                }
            }
        } catch (IOException e) {
            throw new EvaluationException("cannot write verdicts to " + output + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static Label label(String line) {
        Label label = Json.read(line, Label.class);
        if (label.commentId() == null || label.commentId().isBlank()) {
            throw new InvalidEventException(List.of(new Violation("commentId", "is required")));
        }
        return label;
    }

    private static <T> List<T> readJsonl(Path file, String what, Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(parse.apply(line));
                } catch (InvalidEventException e) {
                    throw new EvaluationException(what + " file " + file + ", line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new EvaluationException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("threadguard-evaluate");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the evaluation", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete the evaluation state directory {}: {}", dir, e.getMessage());
        }
    }
}
