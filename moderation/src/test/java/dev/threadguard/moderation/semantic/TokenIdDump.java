package dev.threadguard.moderation.semantic;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Json;
import java.io.DataOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A developer's tool, not a test: writes the shipped table's rows and steps ({@code dir/rows.i8}, {@code dir/scales.f32},
 * little-endian) and every text of an events file as word-piece ids ({@code dir/texts.tsv}), so that pooling variants
 * can be tried outside the code. Usage: {@code TokenIdDump events.jsonl dir}.
 */
public final class TokenIdDump {
    private TokenIdDump() {
    }

    public static void main(String[] args) throws Exception {
        StaticEmbeddings e = StaticEmbeddings.shipped();
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        Files.write(dir.resolve("rows.i8"), e.table().rows());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * e.dimensions()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float s : e.table().scales()) {
            b.putFloat(s);
        }
        Files.write(dir.resolve("scales.f32"), b.array());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("texts.tsv")))) {
            for (String line : Files.readAllLines(Path.of(args[0]))) {
                if (line.isBlank()) {
                    continue;
                }
                Event ev = Json.read(line, Event.class);
                if (ev instanceof Article a) {
                    out.println(String.join("\t", "A", a.articleId(), "", "", ids(e, a.title()), ids(e, a.body()),
                            ids(e, a.tags() == null ? "" : String.join(", ", a.tags()))));
                } else if (ev instanceof Comment c) {
                    out.println(String.join("\t", "C", c.commentId(), c.articleId(), c.parentId() == null ? "" : c.parentId(),
                            ids(e, c.fullText() == null ? "" : c.fullText()), "", ""));
                }
            }
        }
    }

    private static String ids(StaticEmbeddings e, String text) {
        return text == null ? "" : Arrays.stream(e.tokenIds(text)).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }
}
