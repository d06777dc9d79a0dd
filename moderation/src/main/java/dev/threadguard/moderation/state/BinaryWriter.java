package dev.threadguard.moderation.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Appends the primitives of the state codec to a growable byte array: unsigned variable-length integers
 * (7 bits a byte, as protobuf's varints), zig-zag signed ones, 8-byte doubles, and strings as a varint
 * length plus UTF-8. A nullable value is preceded by nothing extra: its length is stored plus one, 0 meaning null.
 * Not thread-safe; one writer per value.
 */
public final class BinaryWriter {
    private byte[] buf;
    private int len;

    public BinaryWriter(int expectedSize) {
        buf = new byte[Math.max(16, expectedSize)];
    }

    public BinaryWriter writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    /** An unsigned varint: 1 byte up to 127, 2 up to 16383, at most 10. */
    public BinaryWriter writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
        return this;
    }

    /** A signed value, zig-zag coded so that small negative numbers stay short. */
    public BinaryWriter writeSignedVarLong(long v) {
        return writeVarLong((v << 1) ^ (v >> 63));
    }

    public BinaryWriter writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
        return this;
    }

    public BinaryWriter writeDouble(double v) {
        return writeLong(Double.doubleToRawLongBits(v));
    }

    /** A string or null: length + 1 as a varint (0 = null), then its UTF-8 bytes. */
    public BinaryWriter writeString(String s) {
        if (s == null) {
            return writeVarLong(0);
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(bytes.length + 1L);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    /** Bytes (not null): their length as a varint, then the bytes. */
    public BinaryWriter writeBytes(byte[] bytes) {
        writeVarLong(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    /** An instant or null, to the millisecond: epoch millis + 1 zig-zag coded, 0 = null. */
    public BinaryWriter writeInstant(Instant t) {
        return writeSignedVarLong(t == null ? 0 : t.toEpochMilli() + (t.toEpochMilli() >= 0 ? 1 : 0));
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
