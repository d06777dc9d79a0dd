package dev.threadguard.contract;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one generic serde of the wire format. Deserialising validates events, so a record that breaks
 * the contract fails in the deserializer, where Kafka's own handlers (log-and-continue, dead-letter
 * topic) take over instead of try/catch in the topology.
 */
public final class JsonSerde<T> implements Serde<T> {
    private final Class<T> type;

    private JsonSerde(Class<T> type) {
        this.type = type;
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : Json.write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        // A null value is a tombstone (compacted topics), not a malformed record.
        return (topic, bytes) -> bytes == null ? null : Json.read(bytes, type);
    }
}
