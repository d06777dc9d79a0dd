package dev.threadguard.moderation.state;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for a state store value in the compact binary format: one format-version byte, then the fields in a
 * fixed order, without names ({@link BinaryWriter}). A value of an unknown version is refused
 * ({@link CorruptStateException}) rather than misread; a new layout takes the next version and keeps reading the
 * old one. A null value is a tombstone either way.
 *
 * @param <T> the value type
 */
public final class BinarySerde<T> implements Serde<T> {
    /** Writes and reads the fields of one value type, after the version byte. */
    public interface Codec<T> {
        void write(T value, BinaryWriter out);

        T read(BinaryReader in, int version);
    }

    private final int version;
    private final int expectedSize;
    private final Codec<T> codec;

    public BinarySerde(int version, int expectedSize, Codec<T> codec) {
        this.version = version;
        this.expectedSize = expectedSize;
        this.codec = codec;
    }

    public byte[] write(T value) {
        if (value == null) {
            return null;
        }
        BinaryWriter out = new BinaryWriter(expectedSize);
        out.writeByte(version);
        codec.write(value, out);
        return out.toByteArray();
    }

    public T read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        BinaryReader in = new BinaryReader(bytes);
        int v = in.readByte();
        if (v < 1 || v > version) {
            throw new CorruptStateException("state format version " + v + ", this build reads 1.." + version);
        }
        return codec.read(in, v);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> read(bytes);
    }
}
