package dev.threadguard.moderation.metrics;

import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.metrics.MetricNames;
import dev.threadguard.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Moderation's own meters (names in {@link MetricNames}, table in {@code deploy/METRICS.md}), on the
 * registry of one service instance.
 *
 * <p>Kafka Streams creates the processors and the producer interceptor itself, from the topology and
 * the configuration; they find this object under {@link #CONFIG_KEY} in the Streams configuration
 * ({@code ProcessorContext.appConfigs()}, an interceptor's {@code configure}), where the service put it.
 * So each instance counts into its own registry (several instances in one JVM, as in the launcher's
 * demo, stay apart) and there is no static state. Where the key is absent (the evaluate command and
 * topology tests, which run the topology in TopologyTestDriver) nothing is measured.
 */
public final class ModerationMetrics {
    /** The Streams configuration key under which the service passes this object to its processors and interceptor. */
    public static final String CONFIG_KEY = "threadguard.moderation.metrics";

    /** The {@code detector} label of the thread stage: every detector of {@code CommentJudge.firstOpinion} on one comment. */
    public static final String ALL_DETECTORS = "all";

    /** The {@code detector} label of the second-opinion stage: the off-topic check again with its transformer. */
    public static final String SECOND_OPINION = "off_topic_second_opinion";

    /** The {@code topic} label of a dead letter from one of the application's own repartition topics. */
    public static final String INTERNAL_TOPIC = "internal";

    /** The {@code reason} values of {@link MetricNames#MODERATION_JUDGED_WITHOUT_ARTICLE}. */
    public static final String[] WITHOUT_ARTICLE_REASONS = {"timeout", "article_bound", "total_bound"};

    /** A piece of detector work, timed or not. */
    public interface DetectorTimer {
        <T> T time(Supplier<T> work);
    }

    private static final DetectorTimer UNTIMED = new DetectorTimer() {
        @Override
        public <T> T time(Supplier<T> work) {
            return work.get();
        }
    };

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter comments;
    private final Map<Flag, Counter> verdictsByFlag;
    private final Counter clean;
    private final Counter provisional;
    private final Timer eventLag;
    private final Map<String, Counter> deadLetters;
    /** Each active task's count of held comments, kept by its thread stage; the gauge is their sum. */
    private final ConcurrentMap<TaskId, AtomicLong> heldByTask = new ConcurrentHashMap<>();
    private final Map<String, Counter> withoutArticle;

    public ModerationMetrics(ServiceMetrics metrics, Clock clock) {
        this.registry = metrics.registry();
        this.clock = clock;
        this.comments = Counter.builder(MetricNames.MODERATION_COMMENTS)
                .description("comments judged: final verdicts produced to " + Topics.COMMENTS_MODERATED.name())
                .register(registry);
        // Every label value registered at zero, so rate() and alerts see the series before the first event.
        Map<Flag, Counter> byFlag = new EnumMap<>(Flag.class);
        for (Flag flag : Flag.values()) {
            byFlag.put(flag, verdictCounter(MetricNames.flag(flag)));
        }
        this.verdictsByFlag = byFlag;
        this.clean = verdictCounter(MetricNames.NO_FLAG);
        this.provisional = Counter.builder(MetricNames.MODERATION_PROVISIONAL)
                .description("provisional verdicts produced: a second opinion pending, a revised verdict to follow")
                .register(registry);
        this.eventLag = ServiceMetrics.delayTimer(MetricNames.MODERATION_EVENT_LAG,
                        "from a comment's postedAt (event time) to its final verdict being produced")
                .register(registry);
        this.deadLetters = Stream.of(Topics.ARTICLES.name(), Topics.COMMENTS_SUBMITTED.name(), INTERNAL_TOPIC)
                .collect(Collectors.toUnmodifiableMap(t -> t, t -> Counter.builder(MetricNames.MODERATION_DEAD_LETTERS)
                        .description("records sent to " + Topics.COMMENTS_DLQ.name() + ", by the topic they were read from")
                        .tag(MetricNames.TOPIC, t).register(registry)));
        Gauge.builder(MetricNames.MODERATION_HELD_COMMENTS, heldByTask,
                        tasks -> tasks.values().stream().mapToLong(AtomicLong::get).sum())
                .description("comments waiting for their article (held) in this instance's tasks")
                .strongReference(true)
                .register(registry);
        this.withoutArticle = Stream.of(WITHOUT_ARTICLE_REASONS).collect(Collectors.toUnmodifiableMap(r -> r,
                r -> Counter.builder(MetricNames.MODERATION_JUDGED_WITHOUT_ARTICLE)
                        .description("comments judged without their article: timeout, or a bound on held comments")
                        .tag(MetricNames.REASON, r).register(registry)));
        io.micrometer.core.instrument.FunctionCounter.builder(MetricNames.MODERATION_TRANSFORMER_TEXTS, this,
                        m -> dev.threadguard.moderation.offtopic.MiniLmEmbedder.textsEmbedded())
                .description("texts run through the off-topic MiniLM transformer in this process (~5 ms each)")
                .register(registry);
        // The thread stage's timer exists from the start too (the cross-thread ones on their first use).
        detectorTimer(ALL_DETECTORS);
    }

    private Counter verdictCounter(String flag) {
        return Counter.builder(MetricNames.MODERATION_VERDICTS)
                .description("verdicts by flag: once per raised flag, flag=none for a clean comment")
                .tag(MetricNames.FLAG, flag).register(registry);
    }

    /** This instance's metrics in the Streams configuration {@code configs}, or null when there are none. */
    public static ModerationMetrics from(Map<String, ?> configs) {
        Object value = configs == null ? null : configs.get(CONFIG_KEY);
        return value instanceof ModerationMetrics metrics ? metrics : null;
    }

    /** A timer of {@code detector}'s time per comment, or an untimed one when {@code configs} has no metrics. */
    public static DetectorTimer detectorTimer(Map<String, ?> configs, String detector) {
        ModerationMetrics metrics = from(configs);
        return metrics == null ? UNTIMED : metrics.detectorTimer(detector);
    }

    DetectorTimer detectorTimer(String detector) {
        Timer timer = ServiceMetrics.latencyTimer(MetricNames.MODERATION_DETECTOR, "one detector's time on one comment")
                .tag(MetricNames.DETECTOR, Objects.requireNonNull(detector))
                .register(registry);
        return new DetectorTimer() {
            @Override
            public <T> T time(Supplier<T> work) {
                return timer.record(work);
            }
        };
    }

    /**
     * From now on {@code task}'s held comments count into the gauge, as {@code held} says; a task taken again
     * (after a rebalance or a restart) replaces its earlier count.
     */
    public void heldComments(TaskId task, AtomicLong held) {
        heldByTask.put(task, held);
    }

    /** {@code task} is closed here (moved to another instance, or the service stops): its held comments leave the gauge. */
    public void heldCommentsGone(TaskId task) {
        heldByTask.remove(task);
    }

    /** A comment was judged without its article; {@code reason} is one of {@link #WITHOUT_ARTICLE_REASONS}. */
    public void judgedWithoutArticle(String reason) {
        withoutArticle.get(reason).increment();
    }

    /**
     * A verdict was produced: a final one counted by flag, and its event-time lag measured against now; a provisional
     * one (a second opinion pending, {@code Verdict#awaiting}) only counted as such, so that every comment counts
     * once, by the verdict that stands.
     */
    void verdictProduced(ModeratedComment moderated) {
        if (moderated.verdict().provisional()) {
            provisional.increment();
            return;
        }
        comments.increment();
        if (moderated.verdict().flags().isEmpty()) {
            clean.increment();
        } else {
            moderated.verdict().flags().forEach(flag -> verdictsByFlag.get(flag).increment());
        }
        Instant postedAt = moderated.comment().postedAt();
        if (postedAt != null) {
            Duration lag = Duration.between(postedAt, clock.instant());
            // Clock skew between the poster and this machine: a verdict cannot come before its comment.
            eventLag.record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    /** A record was sent to the dead-letter topic; {@code sourceTopic} is where Kafka Streams read it (null if unknown). */
    void deadLetter(String sourceTopic) {
        Counter counter = sourceTopic == null ? null : deadLetters.get(sourceTopic);
        // Any other topic is one of the application's repartition topics: a processor failed after re-keying.
        (counter != null ? counter : deadLetters.get(INTERNAL_TOPIC)).increment();
    }
}
