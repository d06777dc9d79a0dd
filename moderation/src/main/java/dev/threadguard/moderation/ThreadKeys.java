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
        return prefix(articleId) + String.format("%010d", sequence);
    }

    static long sequence(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf(SEPARATOR) + 1));
    }

    static String articleId(String key) {
        return key.substring(0, key.lastIndexOf(SEPARATOR));
    }
}
