package dev.threadguard.sink.consume;

import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes records the sink cannot store to {@code comments.dlq}, as they came, with the reason in headers. */
public final class DeadLetters implements AutoCloseable {
    public static final String HEADER_SOURCE_PARTITION = "threadguard.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "threadguard.source.offset";

    private final Producer<byte[], byte[]> producer;

    DeadLetters(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    public static DeadLetters create(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A broker that cannot take the record fails the batch in bounded time; the consumer then retries it.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        KafkaClientSecurity.current().applyTo(props);
        return new DeadLetters(new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    public Future<RecordMetadata> send(ConsumerRecord<String, byte[]> source, String error) {
        return producer.send(toDeadLetter(source, error));
    }

    /** The original key and value and headers, plus where the record came from and why it was refused. */
    static ProducerRecord<byte[], byte[]> toDeadLetter(ConsumerRecord<String, byte[]> source, String error) {
        byte[] key = source.key() == null ? null : source.key().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> out =
                new ProducerRecord<>(Topics.COMMENTS_DLQ.name(), null, key, source.value());
        for (Header header : source.headers()) {
            out.headers().add(header);
        }
        out.headers()
                .add(Topics.DLQ_HEADER_ERROR, utf8(error == null ? "unknown error" : error))
                .add(Topics.DLQ_HEADER_SOURCE_TOPIC, utf8(source.topic()))
                .add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(source.partition())))
                .add(HEADER_SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
