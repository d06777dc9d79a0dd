package dev.threadguard.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.TestServers;
import dev.threadguard.ingest.CommittedRecords;
import dev.threadguard.metrics.MetricNames;
import dev.threadguard.metrics.ServiceMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link KafkaPublisher} with one producer on the real broker: requests that arrive while a transaction commits
 * are committed together, each exactly once, and a request with a record too large fails alone.
 */
class GroupCommitIT {
    private static final int REQUESTS = 40;

    private static ServiceMetrics metrics;
    private static KafkaStatus status;
    private static KafkaPublisher publisher;
    private static ExecutorService callers;

    @BeforeAll
    static void start() {
        String bootstrap = TestServers.kafka().bootstrapServers();
        metrics = ServiceMetrics.create("ingest");
        status = KafkaStatus.start(bootstrap, 3, (short) 1, Duration.ofSeconds(5));
        publisher = new KafkaPublisher(bootstrap, 1, Duration.ofSeconds(20), status, new PublishMetrics(metrics));
        callers = Executors.newFixedThreadPool(REQUESTS + 1);
    }

    @AfterAll
    static void stop() {
        callers.shutdownNow();
        publisher.close();
        status.close();
        metrics.close();
    }

    @Test
    void concurrentRequestsShareTransactionsAndEachIsCommittedOnce() throws Exception {
        String key = "group-" + UUID.randomUUID();
        double transactionsBefore = transactions();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ProducerRecord<byte[], byte[]> record = record(key, "comment " + i);
            calls.add(CompletableFuture.runAsync(() -> {
                awaitQuietly(go);
                publisher.publish(List.of(record));
            }, callers));
        }
        go.countDown();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<ConsumerRecord<String, String>> committed = CommittedRecords.withKey(TestServers.kafka().bootstrapServers(),
                Topics.COMMENTS_SUBMITTED.name(), key, REQUESTS);
        assertThat(committed).hasSize(REQUESTS);
        assertThat(committed.stream().map(ConsumerRecord::value).distinct()).hasSize(REQUESTS);
        // One producer: while it commits, the others queue and go together (one transaction per request would be 40).
        assertThat(transactions() - transactionsBefore).isLessThan(REQUESTS);
    }

    @Test
    void aRecordTooLargeFailsOnlyTheRequestThatCarriesIt() throws Exception {
        String key = "too-large-" + UUID.randomUUID();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> fine = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ProducerRecord<byte[], byte[]> record = record(key, "fine " + i);
            fine.add(CompletableFuture.runAsync(() -> {
                awaitQuietly(go);
                publisher.publish(List.of(record));
            }, callers));
        }
        // Over the producer's max.request.size (1 MiB): refused by the client, so the whole transaction fails.
        ProducerRecord<byte[], byte[]> huge = record(key, "x".repeat(2 * 1024 * 1024));
        CompletableFuture<Void> tooLarge = CompletableFuture.runAsync(() -> {
            awaitQuietly(go);
            publisher.publish(List.of(record(key, "with the huge one"), huge));
        }, callers);
        go.countDown();

        CompletableFuture.allOf(fine.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThatThrownBy(() -> tooLarge.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(RecordTooLargeException.class);
        List<ConsumerRecord<String, String>> committed = CommittedRecords.withKey(TestServers.kafka().bootstrapServers(),
                Topics.COMMENTS_SUBMITTED.name(), key, 10);
        assertThat(committed).extracting(ConsumerRecord::value).hasSize(10).allMatch(v -> v.startsWith("fine "));
    }

    private static ProducerRecord<byte[], byte[]> record(String key, String value) {
        return new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static double transactions() {
        return metrics.registry().get(MetricNames.INGEST_TRANSACTIONS).counter().count();
    }

    private static void awaitQuietly(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
