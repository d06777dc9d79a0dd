package dev.threadguard.moderation;

/**
 * Keys of the per-article stores: the articleId, a NUL, then a zero-padded sequence number. Ids cannot
 * hold control characters (EventValidator), so one article's entries are exactly the keys with its
 * prefix, and byte order (RocksDB, in-memory stores) is posting order.
 */
final class ThreadKeys {
    private static final char SEPARATOR = '\u0000';

    private ThreadKeys() {
    }

    static String prefix(String articleId) {
        return articleId + SEPARATOR;
    }

    static String key(String articleId, long sequence) {
        return prefix(articleId) + decimal10(sequence);
    }

    /**
     * {@code value} as {@code String.format("%010d", value)} writes it (zero-padded to 10 digits, wider when it needs
     * more), without the Formatter: keys are built for every comment and the Formatter was a tenth of the stream
     * thread's time (JFR).
     */
    static String decimal10(long value) {
        if (value < 0) {
            return String.format("%010d", value);
        }
        String digits = Long.toString(value);
        return digits.length() >= 10 ? digits : "0000000000".substring(digits.length()) + digits;
    }

    /** {@code value} as {@code String.format("%016x", value)} writes it: 16 lower-case hex digits, two's complement. */
    static String hex16(long value) {
        String digits = Long.toHexString(value);
        return digits.length() == 16 ? digits : "0000000000000000".substring(digits.length()) + digits;
    }

    static long sequence(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf(SEPARATOR) + 1));
    }

    static String articleId(String key) {
        return key.substring(0, key.lastIndexOf(SEPARATOR));
    }
}
