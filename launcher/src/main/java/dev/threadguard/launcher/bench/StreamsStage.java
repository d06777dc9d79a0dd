package dev.threadguard.launcher.bench;

import dev.threadguard.config.Env;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Topics;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.ModerationService;
import dev.threadguard.moderation.ModerationTopology;
import dev.threadguard.moderation.StreamsTuning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A Kafka Streams topology run in the benchmark's process over the comments already on
 * {@code comments.submitted}, with the moderation service's own Streams settings (exactly-once v2 and
 * {@code StreamsTuning} from the environment: stream threads, commit interval, producer linger and backoff, RocksDB
 * memory): the pass-through topology, or moderation's, so the two are compared under the same settings.
 */
final class StreamsStage {
    /**
     * Throughput of one run: records out (for moderation, comments judged finally: see
     * {@link BenchKafka#awaitFinalVerdicts}), seconds from RUNNING to the last one read back, and this process's CPU
     * in that time, ms per comment by thread group ({@link CpuAccount#threads}).
     */
    record Result(long records, double seconds, Map<String, Long> writtenPerTopic, Map<String, Double> cpuMsPerComment) {
        double perSecond() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private final BenchKafka kafka;
    private final Path stateRoot;

    StreamsStage(BenchKafka kafka, Path stateRoot) {
        this.kafka = kafka;
        this.stateRoot = stateRoot;
    }

    /** Read, deserialize (the comment serde validates, as moderation's does), serialize, write to {@code output}. */
    static Topology passThrough(String output) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(Topics.COMMENTS_SUBMITTED.name(), Consumed.with(Topics.COMMENTS_SUBMITTED.keySerde(),
                        Topics.COMMENTS_SUBMITTED.valueSerde()))
                .mapValues((Comment c) -> c)
                .to(output, Produced.with(Topics.COMMENTS_SUBMITTED.keySerde(), Topics.COMMENTS_SUBMITTED.valueSerde()));
        return b.build();
    }

    Result runPassThrough(String applicationId, String output, long expected, Duration stall, LongConsumer progress) {
        ModerationConfig config = config(applicationId);
        return run(passThrough(output), config, output, expected, stall, progress, false);
    }

    /**
     * The moderation topology as the service builds it ({@code ModerationTopology.build}); final verdicts counted on
     * comments.moderated, one per comment (a provisional verdict, revised later, is not: so verdicts/s stays comments
     * judged finally per second, comparable with runs from before provisional verdicts).
     */
    Result runModeration(ModerationConfig config, long expected, Duration stall, LongConsumer progress) {
        return run(ModerationTopology.build(config), config, Topics.COMMENTS_MODERATED.name(), expected, stall, progress,
                true);
    }

    ModerationConfig config(String applicationId) {
        return ModerationConfig.defaults(kafka.bootstrap()).withApplicationId(applicationId)
                .withStateDir(stateRoot.resolve(applicationId)).withPort(0);
    }

    private Result run(Topology topology, ModerationConfig config, String output, long expected, Duration stall,
            LongConsumer progress, boolean finalVerdicts) {
        Map<TopicPartition, Long> from = kafka.endOffsets(output);
        Map<String, Long> writtenBefore = kafka.recordsWrittenPerTopic();
        Properties props = ModerationService.tunedStreamsProperties(config, StreamsTuning.forSingleInstance(Env.system()));
        CountDownLatch running = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            if (!running.await(3, TimeUnit.MINUTES)) {
                throw new BenchFailure(config.applicationId() + ": Kafka Streams did not reach RUNNING within 3 minutes ("
                        + streams.state() + ")");
            }
            CpuAccount cpuBefore = CpuAccount.take(Map.of()); // before the clock starts: its own cost is not timed
            long start = System.nanoTime();
            long end = finalVerdicts ? kafka.awaitFinalVerdicts(from, expected, stall, progress)
                    : kafka.awaitRecords(output, from, expected, stall, progress);
            if (end < 0) {
                throw new BenchFailure(config.applicationId() + ": fewer than " + expected
                        + (finalVerdicts ? " final verdicts" : " records") + " on " + output + ", and none for " + stall);
            }
            double seconds = (end - start) / 1e9;
            Map<String, Double> cpu = CpuAccount.take(Map.of()).threads(cpuBefore, config.applicationId(), expected);
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            return new Result(expected, seconds, kafka.writtenSince(writtenBefore), cpu);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }
}
