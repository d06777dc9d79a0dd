package dev.threadguard.moderation.offtopic;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which {@link TextVectors} the off-topic detector measures meaning with ({@code OFF_TOPIC_VECTORS}); each has its
 * own fitted {@link OffTopicModel} weights, since their similarities spread differently.
 */
public enum OffTopicVectors {
    /** The static token table distilled from MiniLM: microseconds a comment. */
    STATIC(StaticTextVectors::new),
    /** The MiniLM transformer itself for every comment: about 5 ms a comment. */
    MINILM(MiniLmEmbedder::new),
    /**
     * The default: the static table for every comment, and the MiniLM transformer again for the comments whose
     * static score is not plainly on-topic ({@code OFF_TOPIC_HYBRID_FROM}); {@link #create()} gives the static
     * vectors, {@link #refines()} says the transformer follows.
     */
    HYBRID(StaticTextVectors::new);

    private final Supplier<TextVectors> factory;

    OffTopicVectors(Supplier<TextVectors> factory) {
        this.factory = factory;
    }

    /** Whether comments left uncertain by these vectors are measured again with the MiniLM transformer. */
    public boolean refines() {
        return this == HYBRID;
    }

    /** A new instance of the vectors (the models behind them are loaded once per process, on first use). */
    public TextVectors create() {
        return factory.get();
    }

    /**
     * The choice named by {@code text} (case-insensitive: {@code static}, {@code minilm} or {@code hybrid}).
     *
     * @throws IllegalArgumentException for any other name, listing the valid ones
     */
    public static OffTopicVectors parse(String text) {
        for (OffTopicVectors v : values()) {
            if (v.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("expected static, minilm or hybrid, got '" + text + "'");
    }

    /** The name as configured. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
