package dev.threadguard.moderation.offtopic;

import dev.threadguard.moderation.semantic.StaticEmbeddings;
import java.util.Objects;

/**
 * {@link TextVectors} from the static token-embedding table distilled from MiniLM ({@link StaticEmbeddings}): a
 * text's vector is the mean of its word pieces' rows, 128 dimensions, a few microseconds for a comment, so the
 * off-topic detector can measure meaning for every comment. Null for a text without a known word piece (the table
 * answers all zeros there). Thread-safe: the table is read-only.
 */
public final class StaticTextVectors implements TextVectors {
    private final StaticEmbeddings table;

    /** Over the table shipped with the code (read once per process, about 8 MB). */
    public StaticTextVectors() {
        this(StaticEmbeddings.shipped());
    }

    StaticTextVectors(StaticEmbeddings table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public float[] vector(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        float[] v = table.vector(text);
        for (float x : v) {
            if (x != 0) {
                return v;
            }
        }
        return null;
    }

    @Override
    public int dimension() {
        return table.dimensions();
    }

    @Override
    public String name() {
        return "minilm-static";
    }
}
