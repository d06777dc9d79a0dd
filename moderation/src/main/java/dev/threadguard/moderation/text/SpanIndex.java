package dev.threadguard.moderation.text;

import java.util.Map;

/**
 * Strings to numbers, looked up by a stretch of a text instead of by a string: the word-piece tokenizer tries every
 * word of every comment against its vocabulary, and the language check every word against the English function
 * words; cutting a substring and hashing it for each try (a {@code HashMap} or {@code Set} look-up) was about 5 % and
 * 2 % of a static-vector verdict in JFR. Open addressing over one array of (hash, entry) pairs, the keys' characters
 * in one array: a look-up reads the pair, then compares the characters in place. Gives what the map it is built
 * from gives. Immutable, so thread-safe.
 */
public final class SpanIndex {
    /** Two ints per slot: the key's hash, then its entry + 1 (0: an empty slot). */
    private final int[] slots;
    private final int mask;
    /** The key of entry e is {@code chars[start[e], start[e + 1])}, its value {@code values[e]}. */
    private final char[] chars;
    private final int[] start;
    private final int[] values;

    /** @param entries keys to their values, which must not be negative */
    public SpanIndex(Map<String, Integer> entries) {
        int n = entries.size();
        int capacity = Integer.highestOneBit(Math.max(1, n)) << 2; // at most half full
        this.slots = new int[2 * capacity];
        this.mask = capacity - 1;
        this.start = new int[n + 1];
        this.values = new int[n];
        int total = 0;
        for (String key : entries.keySet()) {
            total += key.length();
        }
        this.chars = new char[total];
        int e = 0;
        int at = 0;
        for (Map.Entry<String, Integer> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (entry.getValue() < 0) {
                throw new IllegalArgumentException("negative value " + entry.getValue() + " for '" + key + "'");
            }
            start[e] = at;
            key.getChars(0, key.length(), chars, at);
            at += key.length();
            values[e] = entry.getValue();
            int h = hash(key, 0, key.length());
            int i = h & mask;
            while (slots[2 * i + 1] != 0) {
                i = (i + 1) & mask;
            }
            slots[2 * i] = h;
            slots[2 * i + 1] = e + 1;
            e++;
        }
        start[n] = at;
    }

    /** The value of the key {@code text[from, to)}, or -1 when it is none of the keys. */
    public int get(String text, int from, int to) {
        int h = hash(text, from, to);
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int entry = slots[2 * i + 1] - 1;
            if (entry < 0) {
                return -1;
            }
            if (slots[2 * i] == h && keyIs(entry, text, from, to)) {
                return values[entry];
            }
        }
    }

    private boolean keyIs(int entry, String text, int from, int to) {
        int s = start[entry];
        if (start[entry + 1] - s != to - from) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (chars[s++] != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h ^ (h >>> 16);
    }
}
