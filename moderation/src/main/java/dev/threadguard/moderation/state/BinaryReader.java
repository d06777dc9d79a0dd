package dev.threadguard.moderation.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads what {@link BinaryWriter} wrote, in the same order; a value cut short throws {@link CorruptStateException}. */
public final class BinaryReader {
    private final byte[] buf;
    private int pos;

    public BinaryReader(byte[] buf) {
        this.buf = buf;
    }

    public int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptStateException("a varint longer than 10 bytes");
    }

    public long readSignedVarLong() {
        long z = readVarLong();
        return (z >>> 1) ^ -(z & 1);
    }

    public long readLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public String readString() {
        long n = readVarLong();
        if (n == 0) {
            return null;
        }
        int length = (int) (n - 1);
        need(length);
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** What {@link BinaryWriter#writeBytes} wrote. */
    public byte[] readBytes() {
        long n = readVarLong();
        if (n > buf.length - pos) {
            throw new CorruptStateException("a byte array of " + n + " bytes with " + (buf.length - pos) + " left");
        }
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    public Instant readInstant() {
        long z = readSignedVarLong();
        return z == 0 ? null : Instant.ofEpochMilli(z > 0 ? z - 1 : z);
    }

    public boolean atEnd() {
        return pos == buf.length;
    }

    private void need(int n) {
        if (n < 0 || pos + n > buf.length) {
            throw new CorruptStateException("a value cut short at byte " + pos + " of " + buf.length);
        }
    }
}
