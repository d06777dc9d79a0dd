package dev.threadguard.moderation.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A word-sequence pattern over normalized words (lower case, no punctuation, apostrophes dropped: "can't" is
 * "cant"). Written as slots separated by spaces; a slot lists alternatives with {@code |}, a trailing {@code *}
 * makes an alternative a prefix ({@code freez*}), a lone {@code *} is any word, and brackets make a slot optional:
 * {@code "can|could someone|anyone [please] help"}. An alternative {@code @name} stands for every word of the word
 * class {@code name} ({@link SupportWords}): {@code "my @device"} matches "my printer" and "mi impresora" alike.
 * Much cheaper than regular expressions: patterns are indexed by their first word, so a text is scanned once
 * whatever the number of patterns.
 */
final class PhrasePattern {
    private final String spec;
    private final Slot[] slots;

    private PhrasePattern(String spec, Slot[] slots) {
        this.spec = spec;
        this.slots = slots;
    }

    static PhrasePattern parse(String spec) {
        return parse(spec, Map.of());
    }

    /** @throws IllegalArgumentException for a pattern starting with an optional slot or naming an unknown class */
    static PhrasePattern parse(String spec, Map<String, List<String>> classes) {
        String[] parts = spec.trim().split("\\s+");
        Slot[] slots = new Slot[parts.length];
        for (int i = 0; i < parts.length; i++) {
            slots[i] = Slot.parse(parts[i], classes);
        }
        if (slots.length == 0 || slots[0].optional) {
            throw new IllegalArgumentException("a phrase pattern must start with a required slot: '" + spec + "'");
        }
        return new PhrasePattern(spec, slots);
    }

    /** The exact words a match can start with, or null when the first slot has prefixes or wildcards. */
    Set<String> firstWords() {
        Slot first = slots[0];
        return first.any || !first.prefixes.isEmpty() ? null : first.words;
    }

    /** End (exclusive) of a match starting at word {@code start}, or -1. Prefers the longest optional fill. */
    int matchAt(String[] words, int start) {
        return match(words, 0, start);
    }

    /**
     * {@link #matchAt} for a start word known to be one of {@link #firstWords()} (a candidate found by its first word):
     * the required first slot accepts it, so the match goes on from the second. Asking the first slot again cost a
     * set look-up for each of the hundred-odd candidates a comment's words index.
     */
    int matchAfterFirstWord(String[] words, int start) {
        return match(words, 1, start + 1);
    }

    private int match(String[] words, int slot, int pos) {
        if (slot == slots.length) {
            return pos;
        }
        Slot s = slots[slot];
        if (pos < words.length && s.accepts(words[pos])) {
            int end = match(words, slot + 1, pos + 1);
            if (end >= 0) {
                return end;
            }
        }
        return s.optional ? match(words, slot + 1, pos) : -1;
    }

    @Override
    public String toString() {
        return spec;
    }

    private record Slot(Set<String> words, List<String> prefixes, boolean any, boolean optional) {
        static Slot parse(String part, Map<String, List<String>> classes) {
            boolean optional = part.startsWith("[") && part.endsWith("]");
            String body = optional ? part.substring(1, part.length() - 1) : part;
            Set<String> words = new HashSet<>();
            List<String> prefixes = new ArrayList<>();
            boolean any = false;
            List<String> alternatives = new ArrayList<>();
            for (String alt : body.split("\\|")) {
                if (alt.startsWith("@")) {
                    List<String> members = classes.get(alt.substring(1));
                    if (members == null) {
                        throw new IllegalArgumentException("unknown word class '" + alt + "' in '" + part + "'");
                    }
                    alternatives.addAll(members);
                } else {
                    alternatives.add(alt);
                }
            }
            for (String alt : alternatives) {
                if (alt.equals("*")) {
                    any = true;
                } else if (alt.endsWith("*")) {
                    prefixes.add(alt.substring(0, alt.length() - 1));
                } else if (!alt.isEmpty()) {
                    words.add(alt);
                }
            }
            // A HashSet compares stored hashes before strings: most words tried are not in the slot.
            return new Slot(java.util.Collections.unmodifiableSet(words), List.copyOf(prefixes), any, optional);
        }

        boolean accepts(String word) {
            if (any || words.contains(word)) {
                return true;
            }
            for (String p : prefixes) {
                if (word.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
    }
}
