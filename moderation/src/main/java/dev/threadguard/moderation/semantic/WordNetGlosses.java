package dev.threadguard.moderation.semantic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The refit's corpus: the glosses of Princeton WordNet 3.0 (Miller 1995; the database files {@code data.noun},
 * {@code data.verb}, {@code data.adj}, {@code data.adv} as Debian's package {@code wordnet-base} installs them under
 * {@code /usr/share/wordnet}). General English, every sense of 147,000 words, written by lexicographers: no comment
 * thread and nothing of the evaluation sets.
 *
 * <p>Texts, in file order (noun, verb, adjective, adverb; synsets in file order): for each synset
 * {@code "word1, word2, word3: definition"} (its first three words, underscores as spaces, adjective markers such as
 * {@code (a)} dropped), then each of its quoted usage examples of at least three words as a text of its own. WordNet
 * 3.0 gives 160,181 texts.
 */
public final class WordNetGlosses {
    static final String[] FILES = {"data.noun", "data.verb", "data.adj", "data.adv"};
    private static final Pattern EXAMPLE_START = Pattern.compile(";\\s*(?=\")");
    private static final Pattern MARKER = Pattern.compile("\\(.*\\)$");

    private WordNetGlosses() {
    }

    /**
     * The corpus texts of the WordNet database in {@code directory}.
     *
     * @throws IOException when a data file is missing or unreadable; the message says which and how to install it
     */
    public static List<String> read(Path directory) throws IOException {
        List<String> texts = new ArrayList<>(170_000);
        for (String name : FILES) {
            Path file = directory.resolve(name);
            if (!Files.isReadable(file)) {
                throw new IOException("no WordNet database file " + file + " (Debian: apt-get install wordnet-base)");
            }
            // Read as Latin-1 so that no byte can fail to decode (WordNet 3.0's glosses are in fact ASCII).
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                try {
                    synsetTexts(lines.get(i), texts);
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + (i + 1) + " is not a WordNet synset line (" + e + ")", e);
                }
            }
        }
        return texts;
    }

    /**
     * Adds the texts of one line of a data file: none for the licence header (lines starting with two spaces).
     *
     * @throws RuntimeException (index or number format) when the line is not in WordNet's data-file layout
     */
    static void synsetTexts(String line, List<String> texts) {
        int bar = line.indexOf('|');
        if (line.startsWith("  ") || bar < 0) {
            return;
        }
        String[] fields = line.substring(0, bar).trim().split(" ");
        int words = Integer.parseInt(fields[3], 16);
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < Math.min(words, 3); i++) {
            if (i > 0) {
                head.append(", ");
            }
            head.append(MARKER.matcher(fields[4 + 2 * i].replace('_', ' ')).replaceAll(""));
        }
        String[] parts = EXAMPLE_START.split(line.substring(bar + 1).strip());
        texts.add(head + ": " + stripEnd(parts[0].strip(), ';'));
        for (int i = 1; i < parts.length; i++) {
            String example = strip(stripEnd(parts[i].strip(), ';').strip(), '"');
            if (example.strip().split("\\s+").length >= 3) {
                texts.add(example);
            }
        }
    }

    /** SHA-256 of the texts, each followed by a line feed, in UTF-8: what the table's header records. */
    public static byte[] sha256(List<String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String text : texts) {
                digest.update((text + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripEnd(String s, char c) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String strip(String s, char c) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == c) {
            start++;
        }
        while (end > start && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(start, end);
    }
}
