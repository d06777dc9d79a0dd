package dev.threadguard.moderation.offtopic;

import java.util.ArrayList;
import java.util.List;

/** The real model, recording which texts it was asked to embed. */
final class CountingEmbedder implements SentenceEmbedder {
    private final SentenceEmbedder model = new MiniLmEmbedder();
    private final List<String> texts = new ArrayList<>();

    @Override
    public synchronized float[] embed(String text) {
        texts.add(text);
        return model.embed(text);
    }

    @Override
    public String name() {
        return model.name();
    }

    synchronized long timesEmbedded(String text) {
        return texts.stream().filter(text::equals).count();
    }

    synchronized int calls() {
        return texts.size();
    }
}
