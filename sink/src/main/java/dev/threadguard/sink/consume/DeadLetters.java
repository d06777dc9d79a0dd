package dev.threadguard.sink.consume;

import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records the sink cannot store to {@code comments.dlq}, as they came, in the one dead-letter format
 * ({@link DeadLetter}: code, one-line message, source topic/partition/offset, service {@code sink}, time).
 */
public final class DeadLetters implements AutoCloseable {
    static final String SERVICE = "sink";
    /** How the sink's own refusals by the database begin (SinkConsumer); anything else it refuses it could not read. */
    private static final String DATABASE_REFUSAL = "the database refused";

    private final Producer<byte[], byte[]> producer;
    private final Clock clock;

    DeadLetters(Producer<byte[], byte[]> producer) {
        this(producer, Clock.systemUTC());
    }

    DeadLetters(Producer<byte[], byte[]> producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
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

    /**
     * Whether the sink dead-letters a record of {@code topic} it cannot read. Not one of {@code articles}:
     * moderation reads that topic with the same deserializer and validation and has dead-lettered it already, and
     * each bad record is dead-lettered once. (A readable article the database refuses is the sink's to report.)
     */
    public static boolean reportsUnreadable(String topic) {
        return !Topics.ARTICLES.name().equals(topic);
    }

    /** @param error what is wrong; an error beginning "the database refused" gets the code {@code refused-by-database} */
    public Future<RecordMetadata> send(ConsumerRecord<String, byte[]> source, String error) {
        return send(source, codeOf(error), error);
    }

    public Future<RecordMetadata> send(ConsumerRecord<String, byte[]> source, DeadLetter.Code code, String error) {
        return producer.send(toDeadLetter(source, code, error, clock));
    }

    /** The original key, value and headers, plus where the record came from and why it was refused. */
    static ProducerRecord<byte[], byte[]> toDeadLetter(ConsumerRecord<String, byte[]> source, DeadLetter.Code code,
                                                       String error, Clock clock) {
        byte[] key = source.key() == null ? null : source.key().getBytes(StandardCharsets.UTF_8);
        return DeadLetter.record(key, source.value(), source.headers(),
                new DeadLetter.Source(source.topic(), source.partition(), source.offset()), code, error, SERVICE,
                clock.instant());
    }

    /**
     * The code of one of the sink's error messages: they come from reading the record ({@code PoisonRecordException},
     * whose text is the contract's violations, "$: not valid JSON: ..." for a value that does not parse) or from
     * the database.
     */
    static DeadLetter.Code codeOf(String error) {
        if (error == null) {
            return DeadLetter.Code.INVALID_EVENT;
        }
        if (error.startsWith(DATABASE_REFUSAL)) {
            return DeadLetter.Code.REFUSED_BY_DATABASE;
        }
        return error.startsWith("$: not valid JSON") ? DeadLetter.Code.NOT_JSON : DeadLetter.Code.INVALID_EVENT;
    }

    @Override
    public void close() {
        producer.close();
    }
}
