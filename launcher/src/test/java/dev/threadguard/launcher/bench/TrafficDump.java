package dev.threadguard.launcher.bench;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A developer's tool, not a test: writes the bench's generated traffic as an events file (dataset-format.md), so
 * that {@code ./threadguard evaluate} runs the moderation topology over bench-shaped threads (up to 500 comments)
 * without a broker, e.g. to compare two builds' CPU per comment on the same input.
 *
 * <p>Usage: {@code TrafficDump out.jsonl [comments] [articles] [seed]} (defaults 20000, comments/100, 42).
 */
public final class TrafficDump {
    private TrafficDump() {
    }

    public static void main(String[] args) throws Exception {
        int comments = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int articles = args.length > 2 ? Integer.parseInt(args[2]) : Math.max(1, comments / 100);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        Traffic traffic = Traffic.generate(seed, "t-", articles, comments, Instant.parse("2026-11-01T00:00:00Z"));
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (Article a : traffic.articles()) {
                out.write(Json.writeString(a));
                out.write('\n');
            }
            for (Comment c : traffic.comments()) {
                out.write(Json.writeString(c));
                out.write('\n');
            }
        }
    }
}
