package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A developer's tool, not a test: writes the MiniLM vector of every article and comment of an events file, one per
 * line ({@code id v1 v2 ...}), as the detector's cache computes them, to try thread samples outside the code.
 * Usage: {@code MiniLmVectorDump events.jsonl out.txt}.
 */
public final class MiniLmVectorDump {
    private MiniLmVectorDump() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddingCache cache = new EmbeddingCache(new MiniLmEmbedder(), 100_000, 10_000);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            for (String line : Files.readAllLines(Path.of(args[0]))) {
                if (line.isBlank()) {
                    continue;
                }
                Event e = Json.read(line, Event.class);
                float[] v = e instanceof Article a ? cache.article(a) : cache.comment((Comment) e);
                String id = e instanceof Article a ? a.articleId() : ((Comment) e).commentId();
                if (v == null) {
                    continue;
                }
                StringBuilder row = new StringBuilder(id);
                for (float x : v) {
                    row.append(' ').append(String.format(Locale.ROOT, "%.6f", x));
                }
                out.println(row);
            }
        }
    }
}
